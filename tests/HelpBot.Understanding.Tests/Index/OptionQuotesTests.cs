using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Index;

namespace HelpBot.Understanding.Tests.Index;

public sealed class OptionQuotesTests
{
    private static readonly OptionQuotes Quotes = new(
    [
        (Reason("mistake"), ["regist", "mistak", "need", "account"]),
        (Reason("cant-find"), ["find", "product", "compani", "match", "need"]),
        (Reason("found"), ["found", "product", "compani", "match", "need"]),
        (Reason("scammed"), ["scam"]),
        (Reason("mistake"), ["regist", "mistak", "need", "account"]),
    ], new HashSet<string>(["знач", "mean"]), new HashSet<string>(["список", "причин", "reason"]));

    /// <summary>
    /// Message words (as analysed, question words left out; a word's readings joined by "|") → the quoted option, or
    /// empty for none.
    /// </summary>
    [Theory]
    [InlineData("regist mistak need account", "mistake")]
    [InlineData("regist mistak", "mistake")]                   // the option's first words, nothing else
    [InlineData("что значит regist mistak need", "mistake")]   // three in a row inside a question
    [InlineData("знач regist", "mistake")]                     // one word, asked about: the option it starts
    [InlineData("regist mean", "mistake")]
    [InlineData("знач scam", "scammed")]                       // a short option asked about, whole
    [InlineData("знач mistak", "")]                            // one word from the middle: too little
    [InlineData("find product compani", "cant-find")]
    [InlineData("found product compani match", "found")]
    [InlineData("scam", "scammed")]                            // a one-word option, whole
    [InlineData("product compani match need", "")]             // shared equally by two options
    [InlineData("mistak need", "")]                            // two words from the middle: too little
    [InlineData("seller scam", "")]                            // a short option inside a longer message
    [InlineData("regist", "")]
    [InlineData("", "")]
    [InlineData("registr|regist mistak", "mistake")]             // a typo that is itself a guide word, read through its family
    [InlineData("registr mistak", "")]                           // without that reading, no quote
    [InlineData("scam знач списк|список причин", "scammed")]     // the list's words around it, in any form: still the option
    [InlineData("scam reason", "scammed")]
    [InlineData("seller scam reason", "")]                       // other words besides the list's: not a quote
    public void Find_MessageTerms_NameTheQuotedOptionOrNone(string message, string expected)
    {
        var words = message.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => (w.Split('|')[0], (IReadOnlyCollection<string>)w.Split('|'))).ToArray();

        Assert.Equal(expected, Quotes.Find(words)?.Id ?? "");
    }

    private static Topic Reason(string id) => new("guide", TopicKind.Reason, id);
}
