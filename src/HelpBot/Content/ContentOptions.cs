using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HelpBot.Content;

/// <summary>Section <c>Content</c>: where the guides live.</summary>
public sealed class ContentOptions
{
    public const string SectionName = "Content";

    /// <summary>The content folder. Default: <c>content</c> in the working directory or the nearest parent of the app that has one.</summary>
    public string? Path { get; set; }

    /// <summary>The language for unknown locales, and the reference the others are checked against. Default <c>ru</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DefaultLanguage { get; set; } = "ru";

    /// <summary>Whether edits to the files are picked up by themselves (a reload after each change). Default true.</summary>
    public bool WatchFiles { get; set; } = true;

    public string ResolvePath() => Path ?? ContentDirectory.Locate();
}

[OptionsValidator]
internal sealed partial class ContentOptionsValidator : IValidateOptions<ContentOptions>;
