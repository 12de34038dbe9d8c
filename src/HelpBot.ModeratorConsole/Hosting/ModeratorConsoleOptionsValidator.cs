using Microsoft.Extensions.Options;

namespace HelpBot.ModeratorConsole.Hosting;

/// <summary>Checks the console's settings at start, each failure naming its setting and what to set.</summary>
internal sealed class ModeratorConsoleOptionsValidator : IValidateOptions<ModeratorConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ModeratorConsoleOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (!options.Enabled)
            return builder.Build();
        const string Prefix = ModeratorConsoleOptions.SectionName + ":";
        if (options.PublicUrl is not { } url)
            builder.AddError("is required when ModeratorConsole:Enabled is true: the address moderators reach the bot at, e.g. https://bot.example.com", Prefix + "PublicUrl");
        else if (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
            builder.AddError("must be an absolute http(s) address without query or fragment, e.g. https://bot.example.com", Prefix + "PublicUrl");
        else if (url.Scheme == "http" && !url.IsLoopback)
            builder.AddError("must be https (sessions use Secure cookies, and Telegram opens only https Mini Apps); http is allowed for a loopback address only", Prefix + "PublicUrl");
        if (options.InitDataMaxAge < TimeSpan.FromMinutes(1) || options.InitDataMaxAge > TimeSpan.FromDays(1))
            builder.AddError("must be between 00:01:00 and 1.00:00:00", Prefix + "InitDataMaxAge");
        if (options.SessionIdleTimeout < TimeSpan.FromMinutes(5) || options.SessionIdleTimeout > TimeSpan.FromDays(30))
            builder.AddError("must be between 00:05:00 and 30.00:00:00", Prefix + "SessionIdleTimeout");
        if (options.SignInAttemptsPerMinute is < 1 or > 10_000)
            builder.AddError("must be between 1 and 10000", Prefix + "SignInAttemptsPerMinute");
        return builder.Build();
    }
}
