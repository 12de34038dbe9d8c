namespace HelpBot.Engine.Content;

/// <summary>
/// A command's texts in one language, from <c>commands:</c> in <c>bot.yaml</c>: the description command menus show,
/// and the name channels that translate names show (Discord); the name defaults to the command's own.
/// </summary>
public sealed record CommandTexts(string Name, string Description, IReadOnlyDictionary<string, ArgumentTexts> Arguments);

/// <summary>An argument's name and description where channels show arguments as named options (Discord).</summary>
public sealed record ArgumentTexts(string Name, string Description);
