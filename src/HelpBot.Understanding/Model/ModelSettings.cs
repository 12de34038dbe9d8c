namespace HelpBot.Understanding.Model;

/// <summary>
/// How the classifier is trained, chosen by cross-validation (<c>eval --cv 5</c>) and leave-one-set-out: word
/// 1–2-grams and character 1–4-grams; SGD's L2 regularisation, passes over the data and first learning rate; the share
/// of messages also learned after a story (<see cref="Training.ContextAugmentation"/>) and its most sentences. 30 passes,
/// not 40, since the formal letters joined the data: the same cross-validated top-1 within 0.3 points, and training
/// back under 3 s on 2 cores.
/// </summary>
public sealed record ModelSettings(
    int WordNgrams = 2,
    int CharNgrams = 4,
    float L2 = 2e-6f,
    int Passes = 30,
    float LearningRate = 4f,
    double ContextShare = 0.15,
    int MostContextSentences = 2);
