using HelpBot.Understanding.Analysis;

namespace HelpBot.Understanding.Tests.Analysis;

/// <summary>A polite letter's frame comes off before reading; what it asks, and courtesy said on its own, stay.</summary>
public sealed class CourtesyTests
{
    [Theory]
    [InlineData(
        "Уважаемая служба поддержки! Прошу подсказать порядок действий для удаления моей учётной записи на AliExpress. Заранее благодарю.",
        "Прошу подсказать порядок действий для удаления моей учётной записи на AliExpress.")]
    [InlineData(
        "Добрый день! Будьте так любезны, подскажите, что станет с моими заказами. Благодарю за ответ. С уважением, Ирина Павловна.",
        "подскажите, что станет с моими заказами.")]
    [InlineData(
        "Здравствуйте. Извините за беспокойство. Какие данные нужны в форме? Спасибо вам заранее!",
        "Какие данные нужны в форме?")]
    [InlineData(
        "Dear Sir or Madam, I would be most grateful if you could explain how to delete my account. Thank you in advance. Kind regards, Margaret Hill",
        "if you could explain how to delete my account.")]
    [InlineData(
        "To whom it may concern, I apologise for troubling you with this. Where is the deactivation link? Thank you very much.",
        "Where is the deactivation link?")]
    [InlineData("Good afternoon. What happens to my orders? Yours sincerely, D. Clarke", "What happens to my orders?")]
    public void Strip_TakesOffTheLettersFrame(string letter, string asked)
    {
        Assert.Equal(asked, Courtesy.Strip(letter).Trim());
    }

    [Theory]
    [InlineData("Здравствуйте!")]
    [InlineData("good afternoon")]
    [InlineData("thanks a lot for your help")]
    [InlineData("thanks, it worked")]
    [InlineData("спасибо, вы очень помогли")]
    [InlineData("hello, could you help me")]
    [InlineData("как удалить аккаунт")]
    [InlineData("")]
    public void Strip_LeavesCourtesyOnItsOwnAndPlainQuestionsAsWritten(string message)
    {
        Assert.Equal(message, Courtesy.Strip(message));
    }

    [Fact]
    public void Strip_DoesNotTakeWordsThatOnlyBeginLikeAFormula()
    {
        Assert.Equal("Thanksgiving sale: can I still delete my account?", Courtesy.Strip("Thanksgiving sale: can I still delete my account?"));
        Assert.Equal("helloworld shop sent too many emails", Courtesy.Strip("helloworld shop sent too many emails"));
    }
}
