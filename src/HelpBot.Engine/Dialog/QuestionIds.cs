using System.Security.Cryptography;

namespace HelpBot.Engine.Dialog;

/// <summary>Short question ids a moderator can type (<c>Q7K2MX</c>): no 0/O or 1/I to misread.</summary>
internal static class QuestionIds
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Next() => "Q" + RandomNumberGenerator.GetString(Alphabet, 5);
}
