<# Publishes the staged module as a .nupkg into a folder repository that Install-PSResource can install from. #>
param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $RepositoryPath)
$ErrorActionPreference = 'Stop'
$name = 'AzBillingInsightsBuild'
if (Get-PSResourceRepository -Name $name -ErrorAction SilentlyContinue) { Unregister-PSResourceRepository -Name $name }
Register-PSResourceRepository -Name $name -Uri $RepositoryPath -Trusted
try {
    Publish-PSResource -Path $ModulePath -Repository $name -SkipDependenciesCheck
    Get-ChildItem -LiteralPath $RepositoryPath -Filter *.nupkg | ForEach-Object { Write-Host "Packaged $($_.FullName)" }
}
finally {
    Unregister-PSResourceRepository -Name $name
}
