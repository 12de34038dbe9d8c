using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace HelpBot.Understanding.Analysis;

/// <summary>
/// Splits on everything but letters and digits, so chat text ("aliexpress.com", "e-mail,", "2+2", emoji)
/// breaks into plain words and apostrophes never decide whether two spellings match.
/// </summary>
internal sealed class LetterOrDigitTokenizer(TextReader input) : CharTokenizer(LuceneVersion.LUCENE_48, input)
{
    protected override bool IsTokenChar(int c) => c <= char.MaxValue ? char.IsLetterOrDigit((char)c) : System.Text.Rune.IsLetterOrDigit(new System.Text.Rune(c));

    protected override int Normalize(int c) => c <= char.MaxValue ? char.ToLowerInvariant((char)c) : c;
}
