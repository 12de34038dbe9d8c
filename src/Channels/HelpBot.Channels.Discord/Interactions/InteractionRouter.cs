using System.Text.RegularExpressions;
using HelpBot.Channels.Discord.Commands;
using HelpBot.Engine.Dialog;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>
/// The routing table, in the manner of Discord.Net's interaction framework: slash commands by name,
/// buttons by custom id, modals by custom id. Button ids are the engine's action ids and go to the engine as
/// they are (it refuses forged ones with a clear reply); the adapter keeps only the ids that open modals.
/// </summary>
internal sealed partial class InteractionRouter
{
    public const string ChannelName = "discord";

    private readonly Dictionary<string, string> _componentModals = new(StringComparer.Ordinal)
    {
        // The engine's "ask" button: on Discord the question is typed into a modal.
        [ActionId.Ask] = TextModals.Ask,
        [TextModals.Comment] = TextModals.Comment,
    };

    private readonly Dictionary<string, Func<string, string>> _modalSubmits = new(StringComparer.Ordinal)
    {
        [TextModals.Ask] = question => "/ask " + question,
        [TextModals.Comment] = comment => comment,
    };

    public InteractionRoute Route(InteractionRequest interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return interaction.Type switch
        {
            InteractionType.ApplicationCommand => RouteCommand(interaction),
            InteractionType.MessageComponent => RouteComponent(interaction),
            InteractionType.ModalSubmit => RouteModalSubmit(interaction),
            _ => InteractionRoute.Refuse($"unsupported interaction type {(int)interaction.Type}"),
        };
    }

    private static InteractionRoute RouteCommand(InteractionRequest interaction)
    {
        if (interaction.CommandName is not { } name || !CommandName().IsMatch(name))
            return InteractionRoute.Refuse("missing or invalid command name");
        // An unknown name still reaches the engine, which answers with its "unknown command" text.
        var command = SlashCommandCatalog.Find(name);
        var argument = command?.Option is { } option ? interaction.Options.GetValueOrDefault(option.Name, "").Trim() : "";
        if (name == SlashCommandCatalog.Ask && argument.Length == 0)
            return InteractionRoute.OpenModal(TextModals.Ask);
        return InteractionRoute.ToEngine(TextTurn(interaction, argument.Length > 0 ? "/" + name + " " + argument : "/" + name));
    }

    private InteractionRoute RouteComponent(InteractionRequest interaction)
    {
        if (interaction.ComponentType != InteractionRequest.ButtonComponentType)
            return InteractionRoute.Refuse($"unsupported component type {interaction.ComponentType?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}");
        if (string.IsNullOrEmpty(interaction.CustomId))
            return InteractionRoute.Refuse("missing custom_id");
        if (_componentModals.TryGetValue(interaction.CustomId, out var modal))
            return InteractionRoute.OpenModal(modal);
        return InteractionRoute.ToEngine(Turn(interaction) with { Action = interaction.CustomId });
    }

    private InteractionRoute RouteModalSubmit(InteractionRequest interaction)
    {
        if (interaction.CustomId is not { } id || !_modalSubmits.TryGetValue(id, out var toText))
            return InteractionRoute.Refuse("unknown modal");
        var value = interaction.Fields.GetValueOrDefault(TextModals.Field, "").Trim();
        // An empty submission reaches the engine as an empty message, which it answers with a hint and the menu.
        return InteractionRoute.ToEngine(TextTurn(interaction, value.Length == 0 ? "" : toText(value)));
    }

    private static Turn TextTurn(InteractionRequest interaction, string text) => Turn(interaction) with { Text = text };

    private static Turn Turn(InteractionRequest interaction) => new()
    {
        Channel = ChannelName,
        UserId = interaction.UserId,
        ChatId = interaction.ChannelId ?? interaction.UserId,
        Locale = interaction.Locale,
        DisplayName = interaction.DisplayName,
        DeliveryId = "discord:interaction:" + interaction.Id,
    };

    /// <summary>Discord's rule for command names: 1-32 letters, digits, <c>-</c> or <c>_</c>.</summary>
    [GeneratedRegex(@"^[-_\p{L}\p{N}]{1,32}$")]
    private static partial Regex CommandName();
}
