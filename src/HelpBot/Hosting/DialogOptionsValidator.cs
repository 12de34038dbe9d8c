using HelpBot.Engine.Dialog;
using Microsoft.Extensions.Options;

namespace HelpBot.Hosting;

/// <summary>Checks <see cref="DialogOptions"/>' ranges at start (generated from its attributes).</summary>
[OptionsValidator]
internal sealed partial class DialogOptionsValidator : IValidateOptions<DialogOptions>;
