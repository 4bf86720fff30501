#!/usr/bin/env bash
# Packs Kelvin, installs the `kelvin` tool from the packages into a temporary folder and runs
# `kelvin run --quick` with it, then builds a console app outside the repository that references only
# the packed Kelvin.Core and measures a hand-written training loop with Thermometer (the example of
# docs/library.md, taken from tests/Kelvin.Tests/Trajectories/LibraryExample.cs) and prints T ± SE per
# layer. A unique prerelease version keeps NuGet's package cache from serving an older build.
# Usage: scripts/pack-smoke.sh [WORKDIR]   (default: a fresh mktemp folder; it is left for inspection)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=${1:-$(mktemp -d /tmp/kelvin-pack-smoke.XXXXXX)}
mkdir -p "$work"
version="0.1.0-smoke.$(date -u +%Y%m%d%H%M%S)"
echo "== dotnet pack (version $version) -> $work/artifacts"
dotnet pack Kelvin.sln -c Release -o "$work/artifacts" -p:Version="$version" | grep -E "Successfully created|error" || true
ls "$work/artifacts"/Kelvin.Core."$version".nupkg "$work/artifacts"/kelvin."$version".nupkg >/dev/null

echo "== dotnet tool install kelvin --tool-path $work/tools"
dotnet tool install kelvin --version "$version" --tool-path "$work/tools" --add-source "$work/artifacts"
echo "== kelvin run --quick"
"$work/tools/kelvin" run --quick --out "$work/report" 2>&1 | tail -n 15
test -f "$work/report/report.json"

echo "== console app referencing only Kelvin.Core $version"
app="$work/app"
mkdir -p "$app"
cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <!-- Only the packed artifacts: Kelvin.Core's own dependencies must come from NuGet's global
         package folder (restored by the build above), so this step needs no network. -->
    <clear />
    <add key="kelvin-artifacts" value="$work/artifacts" />
  </packageSources>
</configuration>
XML
cat > "$app/ThermometerApp.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Kelvin.Core" Version="$version" />
  </ItemGroup>
</Project>
XML
{
  echo "using Kelvin.Entropy;"
  echo "using Kelvin.Reports;"
  echo "using Kelvin.Thermodynamics;"
  echo "using Kelvin.Trajectories;"
  echo
  echo "var output = Console.Out;"
  sed -n '/docs\/library.md: begin/,/docs\/library.md: end/p' tests/Kelvin.Tests/Trajectories/LibraryExample.cs | sed '1d;$d' | sed 's/^        //'
  echo 'output.WriteLine($"iris from the package: {BundledDatasets.Load("iris").Count} samples");'
} > "$app/Program.cs"
sed -i '1i using Kelvin.Data;' "$app/Program.cs"
(cd "$app" && dotnet run -c Release)
echo "== pack smoke passed ($work)"
