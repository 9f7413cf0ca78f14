# Build the Windows installer of fazhi-desktop: fazhi-desktop-setup-<version>.exe
#
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1
#
# Steps: build venv (build\installer-venv-win) with the project and PyInstaller -> translations
# and icons -> PyInstaller --onedir with installers\pyinstaller\fazhi-desktop.spec -> the frozen
# program's --selftest (console and windowed executables) and --version -> ISCC.exe with
# /DAppVersion=<[project] version of pyproject.toml>. The setup program lands in dist\.
#
# Needs: Windows 10/11 x64, Python 3.11+ (python.org installer, "py" launcher or python.exe on
# PATH), internet access to PyPI for the build venv, Inno Setup 6.3 or newer.
# Written on Linux, where it could not be run: see installers\README.md for what was checked.
# Kept ASCII-only on purpose: Windows PowerShell 5.1 reads a .ps1 without BOM in the ANSI code
# page, which would garble Chinese text.
[CmdletBinding()]
param(
    # Python used to create the build venv ("py -3.11" style launchers: pass -Python py -PythonArgs -3.11)
    [string]$Python = "python",
    [string[]]$PythonArgs = @(),
    # ISCC.exe; default: found in the usual Inno Setup 6 folders or on PATH
    [string]$Iscc = "",
    # ChineseSimplified.isl to use when the installed Inno Setup has none in its Languages folder
    [string]$ChineseIsl = "",
    [switch]$SkipSelftest
)

$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
$Work = Join-Path $Root "build\win"
$Venv = Join-Path $Root "build\installer-venv-win"
$Dist = Join-Path $Work "dist\fazhi-desktop"
$Icons = Join-Path $Work "icons"
$Out = Join-Path $Root "dist"
$Started = Get-Date

function Step([string]$Text) {
    $s = [int]((Get-Date) - $Started).TotalSeconds
    Write-Host ""
    Write-Host "==> $Text ($s s)"
}

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "Command failed (exit code $LASTEXITCODE): $Exe $($Arguments -join ' ')" }
}

# --- version ---------------------------------------------------------------------------------
$Version = (& $Python @PythonArgs (Join-Path $Root "installers\version.py")).Trim()
if ($LASTEXITCODE -ne 0 -or -not $Version) { throw "Cannot read the version from pyproject.toml" }
Write-Host "fazhi-desktop $Version"

# --- 1. build venv -----------------------------------------------------------------------------
Step "[1/5] build venv: $Venv"
$Py = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $Py)) { Invoke-Checked $Python ($PythonArgs + @("-m", "venv", $Venv)) }
Invoke-Checked $Py @("-m", "pip", "install", "-q", "--upgrade", "pip")
Invoke-Checked $Py @("-m", "pip", "install", "-q", "pyinstaller>=6.10", "pyinstaller-hooks-contrib", $Root)

# --- 2. translations, icons, PyInstaller --------------------------------------------------------
Step "[2/5] PyInstaller --onedir"
New-Item -ItemType Directory -Force -Path $Work | Out-Null
$Translations = Join-Path $Root "tools\build_translations.py"
if (Test-Path $Translations) {
    Push-Location $Root
    try { Invoke-Checked $Py @($Translations) } finally { Pop-Location }
}
if (Test-Path $Icons) { Remove-Item -Recurse -Force $Icons }
Invoke-Checked $Py @((Join-Path $Root "installers\make_icons.py"), $Icons)
$env:FAZHI_ICON_DIR = $Icons
Invoke-Checked (Join-Path $Venv "Scripts\pyinstaller.exe") @(
    "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", (Join-Path $Work "dist"), "--workpath", (Join-Path $Work "pyinstaller"),
    (Join-Path $Root "installers\pyinstaller\fazhi-desktop.spec"))

# --- 3. self-test of the frozen program -----------------------------------------------------------
Step "[3/5] self-test of the frozen program"
foreach ($exe in @("fazhi.exe", "fazhi-desktop.exe")) {
    if (-not (Test-Path (Join-Path $Dist $exe))) { throw "No $exe in $Dist" }
}
$Shown = (& (Join-Path $Dist "fazhi.exe") --version).Trim().Split(" ")[-1]
if ($Shown -ne $Version) { throw "fazhi.exe --version says $Shown but pyproject.toml says $Version" }
if (-not $SkipSelftest) {
    # The console program shows every step ...
    Invoke-Checked (Join-Path $Dist "fazhi.exe") @("--selftest")
    # ... the windowed one has no console: only its exit code tells.
    $proc = Start-Process -FilePath (Join-Path $Dist "fazhi-desktop.exe") -ArgumentList "--selftest" `
        -Wait -PassThru -WindowStyle Hidden
    if ($proc.ExitCode -ne 0) { throw "fazhi-desktop.exe --selftest failed (exit code $($proc.ExitCode))" }
    Write-Host "fazhi-desktop.exe --selftest: OK"
}

# --- 4. Inno Setup and its Chinese messages -----------------------------------------------------------
Step "[4/5] Inno Setup"
if (-not $Iscc) {
    $candidates = @(
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe"))
    $Iscc = $candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $Iscc) {
        $cmd = Get-Command ISCC.exe -ErrorAction SilentlyContinue
        if ($cmd) { $Iscc = $cmd.Source }
    }
}
if (-not $Iscc -or -not (Test-Path $Iscc)) {
    throw "ISCC.exe of Inno Setup 6 not found: install it from https://jrsoftware.org/isdl.php or pass -Iscc PATH"
}
$IsccDir = Split-Path $Iscc
$Defines = @("/DAppVersion=$Version", "/DDistDir=$Dist", "/DIconFile=$(Join-Path $Icons 'fazhi-desktop.ico')",
             "/DOutputDir=$Out")
# Simplified Chinese messages: recent Inno Setup releases ship Languages\ChineseSimplified.isl;
# older 6.x releases only have it among the "unofficial" translations of the Inno Setup source
# repository (Files\Languages\Unofficial). Use, in order: the installed one, -ChineseIsl, a
# download from the jrsoftware/issrc repository (official folder first, then Unofficial).
if (-not (Test-Path (Join-Path $IsccDir "Languages\ChineseSimplified.isl"))) {
    if (-not $ChineseIsl) {
        $ChineseIsl = Join-Path $Work "ChineseSimplified.isl"
        $urls = @(
            "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/ChineseSimplified.isl",
            "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/Unofficial/ChineseSimplified.isl")
        $got = $false
        foreach ($url in $urls) {
            try {
                Invoke-WebRequest -Uri $url -OutFile $ChineseIsl -UseBasicParsing
                $got = $true; Write-Host "ChineseSimplified.isl <- $url"; break
            } catch { Write-Host "could not download $url" }
        }
        if (-not $got) {
            throw "No ChineseSimplified.isl: download it from the Inno Setup source repository (jrsoftware/issrc, Files\Languages) and pass -ChineseIsl PATH"
        }
    }
    if (-not (Test-Path $ChineseIsl)) { throw "Not found: $ChineseIsl" }
    $Defines += "/DChineseIsl=$((Resolve-Path $ChineseIsl).Path)"
}

# --- 5. compile the setup program -----------------------------------------------------------------
Step "[5/5] ISCC"
New-Item -ItemType Directory -Force -Path $Out | Out-Null
Invoke-Checked $Iscc ($Defines + @((Join-Path $Root "installers\windows\fazhi-desktop.iss")))
$Setup = Join-Path $Out "fazhi-desktop-setup-$Version.exe"
if (-not (Test-Path $Setup)) { throw "ISCC did not produce $Setup" }
$size = [math]::Round((Get-Item $Setup).Length / 1MB, 1)
$installed = [math]::Round(((Get-ChildItem -Recurse -File $Dist | Measure-Object -Sum Length).Sum) / 1MB, 1)
Write-Host ""
Write-Host "Done: $Setup ($size MB; about $installed MB once installed)"
