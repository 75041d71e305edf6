FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so that code changes reuse the restore layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Readouts.Api/Readouts.Api.csproj src/Readouts.Api/
RUN dotnet restore src/Readouts.Api/Readouts.Api.csproj
COPY src/ src/
RUN dotnet publish src/Readouts.Api/Readouts.Api.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
USER app
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Readouts.Api.dll"]
