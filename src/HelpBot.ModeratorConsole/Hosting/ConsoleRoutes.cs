namespace HelpBot.ModeratorConsole.Hosting;

/// <summary>The console's paths, in one place for endpoints, links and pages.</summary>
public static class ConsoleRoutes
{
    public const string Root = "/console";
    public const string Login = Root + "/login";
    public const string Logout = Root + "/logout";
    public const string Assets = Root + "/assets";
    public const string Review = Root + "/review";
    public const string Questions = Root + "/questions";
    public const string SavedAnswers = Root + "/answers";
    public const string Stats = Root + "/stats";
    public const string Content = Root + "/content";

    /// <summary>A console path as mapped on the pages' group, which is rooted at <see cref="Root"/>.</summary>
    public static string InGroup(string path) => path[Root.Length..];

    /// <summary>The header a Telegram Mini App page sends its initData in, on every request (no cookies inside Telegram).</summary>
    public const string InitDataHeader = "X-Telegram-Init-Data";

    /// <summary>The header htmx requests carry the antiforgery token in (read from the page's meta tag by console.js).</summary>
    public const string AntiforgeryHeader = "X-CSRF-Token";
}
