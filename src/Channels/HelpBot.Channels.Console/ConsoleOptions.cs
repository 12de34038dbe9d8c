using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Console;

/// <summary>Section <c>Console</c>: the terminal chat.</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>Run the console chat even when another channel is configured (<c>--console</c>). Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The locale the console user reports. Default: the terminal's UI culture, e.g. <c>ru-RU</c>.</summary>
    public string? Locale { get; set; }

    /// <summary>The console user's id. Default <c>local</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(64)]
    public string UserId { get; set; } = "local";

    /// <summary>Treat the console user as a moderator, to try moderator commands locally. Default false.</summary>
    public bool Moderator { get; set; }

    /// <summary>Folder where files the bot sends (charts, CSV exports) are saved. Default <c>data/attachments</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string AttachmentsPath { get; set; } = "data/attachments";

    /// <summary>Write the session as a <c>.chat</c> transcript to this file (<c>--record FILE</c>). Default: none.</summary>
    public string? Record { get; set; }
}

[OptionsValidator]
internal sealed partial class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>;
