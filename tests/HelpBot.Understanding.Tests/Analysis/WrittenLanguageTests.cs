using HelpBot.Understanding.Analysis;
using HelpBot.Understanding.Training;

namespace HelpBot.Understanding.Tests.Analysis;

/// <summary>The language a message is written in, judged by the training data's words: Russian typed on the wrong layout or in Latin letters is Russian.</summary>
public sealed class WrittenLanguageTests(UnderstandingFixture fixture) : IClassFixture<UnderstandingFixture>
{
    [Theory]
    [InlineData("how do I delete my aliexpress account?", "en")]
    [InlineData("hi", "en")]
    [InlineData("what happens to my orders", "en")]
    [InlineData("руддщ", /* hello on the Russian layout */ "en")]
    [InlineData("как удалить аккаунт", "ru")]
    [InlineData("Привет! Как удалить профиль на aliexpress?", /* a brand in Latin letters says nothing */ "ru")]
    [InlineData("блинчик", /* a Cyrillic word the data does not know */ "ru")]
    [InlineData("elfkbnm frrfeyn", /* удалить аккаунт on the wrong layout */ "ru")]
    [InlineData("ghbdtn", "ru")]
    [InlineData("ghbdtn, rfr elfkbnm frrfeyn", /* a trailing comma is not б */ "ru")]
    [InlineData("udalit akkaunt", "ru")]
    [InlineData("privet", "ru")]
    [InlineData("spasibo bolshoe", "ru")]
    [InlineData("how do I deactivate my account?", "en")]
    [InlineData("I was scammed", /* the form's English, which Russian users copy: no language */ null)]
    [InlineData("I'M RETIRED, NOT IN BUSINESS ANYMORE", null)]
    [InlineData("buyers supliers did not respond to my inquires", null)]
    [InlineData("The email address I used to create my Aliexpress.com account is invalid", null)]
    [InlineData("Deactivate my account", null)]
    [InlineData("как delete account", /* mixed */ null)]
    [InlineData("удалить account", /* the site's word, quoted by the Russian guide */ "ru")]
    [InlineData("удалить profile please", null)]
    [InlineData("aliexpress", /* a name both languages use */ null)]
    [InlineData("ok", null)]
    [InlineData("🙂👍 123", null)]
    [InlineData("", null)]
    public void Of_GivesTheLanguageOrNoneWhenMixedOrUnclear(string message, string? expected)
    {
        var languages = WrittenLanguage.From(TrainingSet.From(fixture.Catalog), fixture.Catalog);

        Assert.Equal(expected, languages.Of(message));
    }
}
