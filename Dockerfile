# syntax=docker/dockerfile:1
# Build: docker build -t helpbot .   Run: docker run -e Telegram__Token=... -v helpbot-data:/data helpbot

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig HelpBot.sln ./
COPY src/ src/
RUN dotnet publish src/HelpBot/HelpBot.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY content/ ./content/
# State lives on a volume; the image itself stays read-only at run time.
RUN mkdir -p /data && chown app:app /data
VOLUME /data
ENV Storage__Path=/data/helpbot.db \
    Content__Path=/app/content \
    ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
# The non-root user that the .NET images ship.
USER app
ENTRYPOINT ["dotnet", "helpbot.dll"]
