namespace HelpBot.Understanding.Analysis;

/// <summary>
/// Whether a word as written is in the past tense, which stemming erases ("pressed" and "press" are both "press";
/// "нажал" and "нажать" both "нажа"). English regular verbs end in "-ed"; Russian past forms in "-л", "-ла", "-ли"
/// and their reflexive "-лся", "-лась", "-лись". The stemmer strips those endings from verbs only, so a word whose
/// stem keeps them is a noun ("емейл", "need"); a rare noun it does strip ("профили") reads as past.
/// </summary>
internal static class Narration
{
    private static readonly string[] RussianEndings = ["л", "ла", "ли", "лся", "лась", "лись"];

    /// <param name="surface">The word as written, lower case.</param>
    /// <param name="stem">Its stem as analysed.</param>
    public static bool IsPastTense(string surface, string stem)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentNullException.ThrowIfNull(stem);
        if (surface.Length < 4)
            return false;
        if (Scripts.HasCyrillic(surface))
            return RussianEndings.Any(e => surface.EndsWith(e, StringComparison.Ordinal)) && !stem.EndsWith('л');
        return surface.EndsWith("ed", StringComparison.Ordinal) && !stem.EndsWith("ed", StringComparison.Ordinal);
    }
}
