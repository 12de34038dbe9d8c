using HelpBot.Channels.Discord.Rest;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord.Commands;

/// <summary>Overwrites the application's slash commands with <see cref="SlashCommandCatalog"/>: globally, or in one server.</summary>
public sealed class DiscordCommandRegistrar
{
    private readonly DiscordRestClient _rest;
    private readonly IContentProvider _content;
    private readonly IOptions<DiscordOptions> _options;
    private readonly ILogger _logger;
    private readonly int _maxTextLength;

    internal DiscordCommandRegistrar(
        DiscordRestClient rest,
        IContentProvider content,
        IOptions<DiscordOptions> options,
        ILogger<DiscordCommandRegistrar> logger,
        DialogOptions? dialog = null)
    {
        _rest = rest;
        _content = content;
        _options = options;
        _logger = logger;
        _maxTextLength = (dialog ?? new DialogOptions()).MaxTextLength;
    }

    /// <summary>Where commands go: <c>global</c> or <c>guild ID</c>.</summary>
    public string Scope => _options.Value.GuildId is { Length: > 0 } guild ? "guild " + guild : "global";

    /// <summary>Registers the commands and returns how many; throws <see cref="DiscordRestException"/> when Discord refuses.</summary>
    public async Task<int> RegisterAsync(CancellationToken cancellationToken)
    {
        var commands = SlashCommandCatalog.Build(_content.Current, _maxTextLength);
        await _rest.BulkOverwriteCommandsAsync(commands, cancellationToken);
        Log.CommandsRegistered(_logger, commands.Count, Scope);
        return commands.Count;
    }
}
