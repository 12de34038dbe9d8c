using HelpBot.Engine.Dialog;

namespace HelpBot.Engine.Moderation;

/// <summary>Turns statistics and exports into files; kept outside the engine with its charting and CSV libraries.</summary>
public interface IReportRenderer
{
    Attachment StatsChart(StatsReport report, string title, string funnelLabel, string helpfulLabel);

    Attachment Csv<T>(string fileName, IEnumerable<T> rows);
}

/// <summary>Reloads content on a moderator's request; returns the errors that kept the old content.</summary>
public interface IContentReloader
{
    IReadOnlyList<Content.ContentError> Reload();
}
