using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using HelpBot.Engine.Moderation;

namespace HelpBot.ModeratorConsole.SignIn;

/// <summary>
/// One-time sign-in tokens of <c>/console</c> links, kept by their SHA-256 only (a copy of the store signs no one in).
/// <see cref="TryConsumeAsync"/> takes a token at most once, however many requests (or instances) race for it.
/// The host replaces the in-memory store with one on the shared database when it has one.
/// </summary>
public interface ILinkTokenStore
{
    ValueTask AddAsync(byte[] tokenHash, ConsoleModerator moderator, DateTimeOffset expires, CancellationToken cancellationToken);

    /// <summary>The moderator the token was issued to, removing it; null when unknown, used or expired.</summary>
    ValueTask<ConsoleModerator?> TryConsumeAsync(byte[] tokenHash, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// Tokens in this process's memory, for a store that one process owns (LiteDB): a restart forgets unused links.
/// </summary>
internal sealed class InMemoryLinkTokenStore : ILinkTokenStore
{
    private readonly ConcurrentDictionary<string, (ConsoleModerator Moderator, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);

    public ValueTask AddAsync(byte[] tokenHash, ConsoleModerator moderator, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        _tokens[Convert.ToHexString(tokenHash)] = (moderator, expires);
        // Expired tokens go when new ones come; at most a few moderators' links are ever waiting.
        var now = expires - SignInLinks.Lifetime;
        foreach (var (key, entry) in _tokens)
        {
            if (entry.Expires <= now)
                _tokens.TryRemove(key, out _);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<ConsoleModerator?> TryConsumeAsync(byte[] tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_tokens.TryRemove(Convert.ToHexString(tokenHash), out var entry) && entry.Expires > now ? entry.Moderator : null);
}

/// <summary>Issues and redeems the links <c>/console</c> replies with: 256 random bits as hex, valid 10 minutes, single use.</summary>
internal sealed class SignInLinks(ILinkTokenStore store, TimeProvider time, Uri consoleUrl) : IConsoleLinks
{
    public static TimeSpan Lifetime => Hosting.ModeratorConsoleOptions.LinkLifetime;

    TimeSpan IConsoleLinks.Lifetime => Lifetime;

    public async ValueTask<Uri> IssueAsync(ConsoleModerator moderator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await store.AddAsync(Hash(token), moderator, time.GetUtcNow() + Lifetime, cancellationToken);
        return new Uri(consoleUrl.AbsoluteUri + "/login?token=" + token);
    }

    /// <summary>The moderator the token signs in, once; null for anything else (malformed, unknown, used, expired).</summary>
    public async ValueTask<ConsoleModerator?> RedeemAsync(string? token, CancellationToken cancellationToken) =>
        IsWellFormed(token) ? await store.TryConsumeAsync(Hash(token!), time.GetUtcNow(), cancellationToken) : null;

    public static bool IsWellFormed(string? token) => token is { Length: 64 } && token.All(char.IsAsciiHexDigitLower);

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));
}
