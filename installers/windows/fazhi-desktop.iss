; Inno Setup 6 script of fazhi-desktop (法治工作台账): builds fazhi-desktop-setup-<version>.exe
; from the PyInstaller folder. Run through installers\windows\build.ps1, which passes:
;   /DAppVersion=<[project] version of pyproject.toml>   (required)
;   /DDistDir=<the PyInstaller folder holding fazhi-desktop.exe, fazhi.exe and _internal\>
;   /DIconFile=<fazhi-desktop.ico made by installers\make_icons.py>
;   /DOutputDir=<where the setup .exe goes>
;   /DChineseIsl=<ChineseSimplified.isl>  only when this Inno Setup has no
;                                          Languages\ChineseSimplified.isl of its own
; Reviewed line by line against the Inno Setup 6 documentation (jrsoftware.org/ishelp); it was
; NOT compiled on the Linux machine where it was written (see installers/README.md).

#if VER < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is required (x64compatible, HKA, PrivilegesRequiredOverridesAllowed)
#endif
#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=0.1.0 (build.ps1 reads it from pyproject.toml)
#endif
#ifndef DistDir
  #define DistDir "..\..\build\win\dist\fazhi-desktop"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\win\icons\fazhi-desktop.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef ChineseIsl
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#endif

#define AppName "法治工作台账"
#define AppExe "fazhi-desktop.exe"
; The ProgID of .fzb sync bundles (SPEC §7); double-click opens the import in the app.
#define BundleExt ".fzb"
#define BundleProgId "FazhiDesktop.Bundle"
; The per-user data folder: platformdirs.user_data_dir("fazhi-desktop", appauthor=False)
; = %LOCALAPPDATA%\fazhi-desktop (fazhi_desktop/paths.py); UI settings live in the registry
; under HKCU\Software\fazhi-desktop (QSettings organisation name).
#define DataFolder "fazhi-desktop"
#define SettingsKey "Software\fazhi-desktop"

[Setup]
; AppId identifies the product across versions (upgrades, uninstall entry): never change it.
AppId={{1FBAB627-A864-4EB9-B835-7FEB930A02DC}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=fazhi-desktop
VersionInfoVersion={#AppVersion}
VersionInfoProductName=法治工作台账 fazhi-desktop
VersionInfoDescription={#AppName} 安装程序
; ASCII folder name under Program Files (per machine) or %LOCALAPPDATA%\Programs (per user).
DefaultDirName={autopf}\fazhi-desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install by default (office users are often not administrators); the dialog lets
; an administrator choose "all users" instead, which puts the app and the .fzb association
; under HKLM/Program Files. UsePreviousPrivileges (default yes) keeps the mode on upgrades.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 1809 or newer.
MinVersion=10.0.17763
ChangesAssociations=yes
CloseApplications=yes
WizardStyle=modern
ShowLanguageDialog=auto
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir={#OutputDir}
OutputBaseFilename=fazhi-desktop-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes

[Languages]
; Chinese first: it is also the fallback when Windows' language matches neither entry.
Name: "chs"; MessagesFile: "{#ChineseIsl}"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chs.RemoveDataQuestion=是否同时删除这台电脑上的台账数据？%n%n数据目录：%1%n%n建议选择“否”保留数据：重新安装后可以继续使用。只有在确认数据已经备份、或已通过同步包交给同事之后，才选择“是”。
en.RemoveDataQuestion=Also delete the ledger data on this PC?%n%nData folder: %1%n%nChoosing "No" keeps it (recommended): a new installation will use it again. Choose "Yes" only after the data has been backed up or handed over in a sync bundle.
chs.RemoveDataFailed=有些数据文件无法删除（可能正被其他程序使用）：%1%n请手动删除该文件夹。
en.RemoveDataFailed=Some data files could not be deleted (perhaps in use by another program): %1%nPlease delete the folder by hand.
chs.BundleTypeName=法治工作台账同步包
en.BundleTypeName=Fazhi sync bundle

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole frozen runtime: no stale library of an older version remains.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; .fzb → FazhiDesktop.Bundle, under HKA = HKCU\Software\Classes (per user) or
; HKLM\Software\Classes (all users); the open command passes the file as "%1".
Root: HKA; Subkey: "Software\Classes\{#BundleExt}"; ValueType: string; ValueName: ""; ValueData: "{#BundleProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\{#BundleExt}"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-fazhi-bundle"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#BundleExt}\OpenWithProgids"; ValueType: string; ValueName: "{#BundleProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\{#BundleProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:BundleTypeName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#BundleProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#BundleProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#BundleExt}"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: dirifempty; Name: "{app}"

[Code]
{ The uninstaller keeps the user's data unless the user says otherwise. The question is asked
  after the program files are gone (usPostUninstall), "No" is the default button, and a silent
  uninstall (/SILENT, /VERYSILENT: software deployment) never deletes data. Only the data of
  the Windows user running the uninstaller is offered; other users' folders are left alone,
  and so are the secrets in Windows Credential Manager (entries named fazhi-desktop). }
function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\{#DataFolder}');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Dir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  Dir := DataDir();
  if UninstallSilent() or not DirExists(Dir) then
    Exit;
  if MsgBox(FmtMessage(CustomMessage('RemoveDataQuestion'), [Dir]), mbConfirmation,
            MB_YESNO or MB_DEFBUTTON2) = IDYES then
  begin
    if not DelTree(Dir, True, True, True) then
      MsgBox(FmtMessage(CustomMessage('RemoveDataFailed'), [Dir]), mbError, MB_OK);
    RegDeleteKeyIncludingSubkeys(HKEY_CURRENT_USER, '{#SettingsKey}');
  end;
end;
