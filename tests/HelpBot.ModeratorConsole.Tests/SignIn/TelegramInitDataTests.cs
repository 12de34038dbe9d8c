using System.Globalization;
using HelpBot.ModeratorConsole.SignIn;
using HelpBot.ModeratorConsole.Tests.Infrastructure;

namespace HelpBot.ModeratorConsole.Tests.SignIn;

/// <summary>The initData check as Telegram documents it, on good and bad input: every refusal is a reason, never an exception.</summary>
public sealed class TelegramInitDataTests
{
    private const string Token = "123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private static InitDataCheck Check(string? initData) => TelegramInitData.Check(initData, Token, Now, MaxAge);

    private static string Signed(Dictionary<string, string> fields) => MiniAppInitData.Encode(fields, TelegramInitData.Sign(fields, Token));

    private static Dictionary<string, string> Fields(long authDate, string user = """{"id":42,"first_name":"Ann","language_code":"ru"}""") => new(StringComparer.Ordinal)
    {
        ["auth_date"] = authDate.ToString(CultureInfo.InvariantCulture),
        ["query_id"] = "AAHdF6IQAAAAAN0XohDhrOrc",
        ["user"] = user,
    };

    [Fact]
    public void Valid_ReadsTheUser()
    {
        var check = Check(MiniAppInitData.For(42, Token, Now.AddMinutes(-5), "ru"));

        Assert.Null(check.Refusal);
        Assert.Equal(new TelegramMiniAppUser(42, "ru", Now.AddMinutes(-5)), check.User);
    }

    [Fact]
    public void KnownVector_MatchesAnIndependentComputation()
    {
        // Computed outside .NET (Python's hmac): the documented algorithm, fields sorted, hash excluded.
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["user"] = """{"id":1}""", ["auth_date"] = "1700000000", ["query_id"] = "q" };

        Assert.Equal("16b1c19754f95c992da8f04257611b757812f13e3f36953dac030993c8877c81", TelegramInitData.Sign(fields, Token));
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("auth_date=1&user=x", "no hash")]
    [InlineData("hash=abc", "64 hexadecimal")]
    [InlineData("a&hash=00", "query string")]
    [InlineData("=x&hash=00", "query string")]
    [InlineData("a=1&a=2&hash=0000000000000000000000000000000000000000000000000000000000000000", "query string")]
    [InlineData("auth_date=1&hash=0000000000000000000000000000000000000000000000000000000000000000", "does not match")]
    [InlineData("auth_date=1&hash=zz00000000000000000000000000000000000000000000000000000000000000", "64 hexadecimal")]
    public void Malformed_RefusedWithAReason(string? initData, string reason)
    {
        var check = Check(initData);

        Assert.Null(check.User);
        Assert.Contains(reason, check.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeInput_RefusedBeforeParsing()
    {
        var check = Check("user=" + new string('a', TelegramInitData.MaxLength) + "&hash=00");

        Assert.Contains("longer than", check.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangedField_HashDoesNotMatch()
    {
        var initData = Signed(Fields(Now.ToUnixTimeSeconds()));

        Assert.Contains("does not match", Check(initData.Replace("42", "43", StringComparison.Ordinal)).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherBotsToken_HashDoesNotMatch()
    {
        var fields = Fields(Now.ToUnixTimeSeconds());

        Assert.Contains("does not match", Check(MiniAppInitData.Encode(fields, TelegramInitData.Sign(fields, "987654321:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"))).Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-3601, "too old")]
    [InlineData(120, "future")]
    public void AuthDateOutOfRange_Refused(int secondsFromNow, string reason) =>
        Assert.Contains(reason, Check(Signed(Fields(Now.ToUnixTimeSeconds() + secondsFromNow))).Refusal, StringComparison.Ordinal);

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-5")]
    [InlineData("99999999999999999999")]
    [InlineData("")]
    public void BadAuthDate_Refused(string authDate)
    {
        var fields = Fields(0);
        fields["auth_date"] = authDate;

        Assert.Contains("auth_date", Check(Signed(fields)).Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"first_name":"no id"}""")]
    [InlineData("""{"id":"42"}""")]
    [InlineData("""{"id":-1}""")]
    [InlineData("[]")]
    public void BadUser_Refused(string user) =>
        Assert.Contains("no valid user", Check(Signed(Fields(Now.ToUnixTimeSeconds(), user))).Refusal, StringComparison.Ordinal);

    [Fact]
    public void UnicodeAndEscapes_SignedOverTheDecodedValues()
    {
        var fields = Fields(Now.ToUnixTimeSeconds(), """{"id":42,"first_name":"Аня 👩‍💻 &=+%","language_code":"ru"}""");

        var check = Check(Signed(fields));

        Assert.Null(check.Refusal);
        Assert.Equal(42, check.User!.Id);
    }

    [Fact]
    public void PlusAsSpace_AsUrlSearchParamsWritesIt()
    {
        var fields = Fields(Now.ToUnixTimeSeconds(), """{"id":42,"first_name":"A B"}""");
        var hash = TelegramInitData.Sign(fields, Token);
        var initData = string.Join('&', fields.Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value).Replace("%20", "+", StringComparison.Ordinal))) + "&hash=" + hash;

        Assert.Null(Check(initData).Refusal);
    }
}
