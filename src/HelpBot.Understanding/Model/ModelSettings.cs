namespace HelpBot.Understanding.Model;

/// <summary>
/// How the classifier is trained, chosen by cross-validation (<c>eval --cv 5</c>): word 1–2-grams and character
/// 1–4-grams, L2 regularisation 0.01, and an optimisation tolerance of 1e-4, which trains in a few seconds and reads
/// as well as 1e-7 in cross-validation.
/// </summary>
public sealed record ModelSettings(int WordNgrams = 2, int CharNgrams = 4, float L2 = 0.003f, float Tolerance = 1e-4f);
