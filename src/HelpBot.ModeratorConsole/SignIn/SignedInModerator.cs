using System.Security.Claims;
using HelpBot.Engine.Moderation;
using Microsoft.AspNetCore.Http;

namespace HelpBot.ModeratorConsole.SignIn;

/// <summary>How the moderator proved who they are.</summary>
public enum SignInMethod
{
    /// <summary>A one-time <c>/console</c> link; the browser then holds a session cookie.</summary>
    Link,

    /// <summary>A Telegram Mini App's signed initData, sent with every request.</summary>
    TelegramMiniApp,
}

/// <summary>
/// The moderator a console request is made by: their channel, user id and community (they see only their own), and
/// their language when known. Endpoints under <see cref="Hosting.ModeratorConsoleEndpoints.MapModeratorConsole"/>
/// take it as a parameter.
/// </summary>
public sealed record SignedInModerator(string Channel, string UserId, string Community, string? Language, SignInMethod Method)
{
    public const string ChannelClaim = "helpbot:channel";
    public const string UserClaim = "helpbot:user";
    public const string CommunityClaim = "helpbot:community";
    public const string LanguageClaim = "helpbot:language";
    public const string MethodClaim = "helpbot:sign-in";

    public ConsoleModerator Moderator => new(Channel, UserId, Community);

    /// <summary>The UI's language: Russian for a Russian client, English otherwise.</summary>
    public bool PrefersRussian => Language is { } code && code.StartsWith("ru", StringComparison.OrdinalIgnoreCase);

    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ChannelClaim, Channel),
            new(UserClaim, UserId),
            new(CommunityClaim, Community),
            new(MethodClaim, Method.ToString()),
            new(ClaimTypes.Name, Channel + ":" + UserId),
        };
        if (Language is not null)
            claims.Add(new Claim(LanguageClaim, Language));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static SignedInModerator? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true })
            return null;
        var channel = principal.FindFirstValue(ChannelClaim);
        var user = principal.FindFirstValue(UserClaim);
        var community = principal.FindFirstValue(CommunityClaim);
        if (channel is null || user is null || community is null || !Enum.TryParse<SignInMethod>(principal.FindFirstValue(MethodClaim), out var method))
            return null;
        return new SignedInModerator(channel, user, community, principal.FindFirstValue(LanguageClaim), method);
    }

    /// <summary>Minimal-API binding: the moderator the console's gate signed in for this request.</summary>
    public static ValueTask<SignedInModerator?> BindAsync(HttpContext context) => ValueTask.FromResult(From(context?.User));
}
