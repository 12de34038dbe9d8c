namespace HelpBot.Understanding.Model;

/// <summary>
/// How the classifier is trained, chosen by cross-validation (<c>eval --cv 5</c>): word 1–2-grams and character
/// 1–4-grams, SDCA's L2 regularisation, and how many passes over the data it may make.
/// </summary>
public sealed record ModelSettings(int WordNgrams = 2, int CharNgrams = 4, float L2 = 1e-6f, int Passes = 40, float LearningRate = 4f);
