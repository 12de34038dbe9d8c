using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HelpBot.Channels.Discord.Tests.Infrastructure;

public static class LoopbackAddress
{
    /// <summary>Where a started app listens, e.g. <c>http://127.0.0.1:41234</c> (it was bound to port 0).</summary>
    public static string Of(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
}
