using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HelpBot.Storage.LiteDb;

/// <summary>Section <c>Storage</c>: where the LiteDB file lives.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Path of the database file, relative to the working directory. Default <c>data/helpbot.db</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "data/helpbot.db";
}

[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
