# syntax=docker/dockerfile:1
# Build: docker build -t helpbot .
# Run:   docker run --read-only --tmpfs /tmp -e Telegram__Token -v helpbot-data:/data -v helpbot-models:/cache helpbot
# (compose.yaml beside this file runs it on PostgreSQL.)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig HelpBot.sln ./
COPY src/ src/
RUN dotnet publish src/HelpBot/HelpBot.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY content/ ./content/
# The root filesystem may be read-only (--read-only, compose's read_only): the bot writes only to /data (the LiteDB
# file), /cache (trained models, so a restart loads instead of retraining) and /tmp (a tmpfs; the runtime's own files).
# Moderators' teaching writes into the content folder: give Content__Path a writable mount to use it.
RUN mkdir -p /data /cache && chown app:app /data /cache
VOLUME ["/data", "/cache"]
ENV Storage__Path=/data/helpbot.db \
    Understanding__ModelDirectory=/cache/models \
    Content__Path=/app/content \
    ASPNETCORE_HTTP_PORTS=8080
# /healthz, /readyz and /metrics; Telegram's webhook and Discord's interactions when configured.
EXPOSE 8080
# The non-root user that the .NET images ship.
USER app
# No curl in the image: the bot asks its own /readyz and exits 0 (ready) or 1.
# It finds the port the way the bot does: ASPNETCORE_HTTP_PORTS, or ASPNETCORE_URLS if that is set instead.
HEALTHCHECK --interval=30s --timeout=10s --start-period=2m --retries=3 \
    CMD ["dotnet", "/app/helpbot.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "helpbot.dll"]
