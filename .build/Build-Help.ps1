<#
.SYNOPSIS
    Turns the per-cmdlet markdown help (src/AzBillingInsights/help/*.md) into MAML for the staged module.
.DESCRIPTION
    Descriptions, examples and outputs come from the markdown; syntax, types, mandatory flags and pipeline
    input come from the cmdlets themselves, so they cannot drift. Fails when a cmdlet or a parameter has no
    help, which keeps Get-Help complete.
#>
param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $MarkdownPath)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module -Name (Join-Path $ModulePath 'AzBillingInsights.psd1') -PassThru
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Read-MarkdownHelp([string] $Path) {
    $help = @{ Sections = @{}; Parameters = [ordered]@{}; Examples = [System.Collections.Generic.List[object]]::new(); Outputs = [ordered]@{} }
    $section = $null; $item = $null; $buffer = [System.Text.StringBuilder]::new()
    $flush = {
        $text = $buffer.ToString().Trim(); $null = $buffer.Clear()
        if ($null -eq $section) { return }
        switch ($section) {
            'PARAMETERS' { if ($item) { $help.Parameters[$item] = $text } }
            'EXAMPLES' { if ($item) { $help.Examples.Add([pscustomobject]@{ Title = $item; Body = $text }) } }
            'OUTPUTS' { if ($item) { $help.Outputs[$item] = $text } }
            default { $help.Sections[$section] = $text }
        }
    }
    foreach ($line in Get-Content -LiteralPath $Path) {
        if ($line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim(); $item = $null; continue }
        if ($line -match '^### (.+)$') { & $flush; $item = $Matches[1].Trim().TrimStart('-'); continue }
        if ($line -match '^# ') { continue }
        $null = $buffer.AppendLine($line)
    }
    & $flush
    $help
}

function Split-Example([string] $Body) {
    if ($Body -notmatch '(?s)```(?:powershell)?\r?\n(.*?)```(.*)$') { throw "An example has no fenced code block: $Body" }
    [pscustomobject]@{ Code = $Matches[1].Trim(); Remarks = $Matches[2].Trim() }
}

function Write-Paragraphs([System.Xml.XmlWriter] $Writer, [string] $Text) {
    $Writer.WriteStartElement('maml', 'description', $maml)
    foreach ($paragraph in ($Text -split '\r?\n\s*\r?\n')) {
        $Writer.WriteElementString('maml', 'para', $maml, ($paragraph -replace '\s*\r?\n\s*', ' ').Trim())
    }
    $Writer.WriteEndElement()
}

function Write-Parameter([System.Xml.XmlWriter] $Writer, $Parameter, [string] $Description, $SetMetadata) {
    $pipeline = @()
    if ($SetMetadata.ValueFromPipeline) { $pipeline += 'ByValue' }
    if ($SetMetadata.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
    $Writer.WriteStartElement('command', 'parameter', $command)
    $Writer.WriteAttributeString('required', $SetMetadata.IsMandatory.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', 'false')
    $Writer.WriteAttributeString('pipelineInput', ($pipeline ? "True ($($pipeline -join ', '))" : 'False'))
    $Writer.WriteAttributeString('position', ($SetMetadata.Position -ge 0 ? [string] $SetMetadata.Position : 'named'))
    $Writer.WriteAttributeString('aliases', ($Parameter.Aliases.Count ? ($Parameter.Aliases -join ', ') : 'none'))
    $Writer.WriteElementString('maml', 'name', $maml, $Parameter.Name)
    Write-Paragraphs $Writer $Description
    $typeName = $Parameter.ParameterType.Name
    if ($typeName -ne 'SwitchParameter') {
        $Writer.WriteStartElement('command', 'parameterValue', $command)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteString($typeName)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $dev)
    $Writer.WriteElementString('maml', 'name', $maml, $Parameter.ParameterType.FullName)
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$target = New-Item -ItemType Directory -Path (Join-Path $ModulePath 'en-US') -Force
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$writer = [System.Xml.XmlWriter]::Create((Join-Path $target 'AzBillingInsights.dll-Help.xml'), $settings)
$missing = [System.Collections.Generic.List[string]]::new()
try {
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($cmdlet in $module.ExportedCmdlets.Values | Sort-Object Name) {
        $file = Join-Path $MarkdownPath "$($cmdlet.Name).md"
        if (-not (Test-Path -LiteralPath $file)) { $missing.Add("$($cmdlet.Name): no $file"); continue }
        $help = Read-MarkdownHelp $file
        foreach ($required in 'SYNOPSIS', 'DESCRIPTION') {
            if (-not $help.Sections[$required]) { $missing.Add("$($cmdlet.Name): no $required") }
        }
        if ($help.Examples.Count -lt 2) { $missing.Add("$($cmdlet.Name): fewer than two examples") }
        $parameters = $cmdlet.Parameters.Values | Where-Object Name -notin $common
        # Reflection lists parameters inherited from a shared base class (RateCardPricingCmdlet) after the cmdlet's
        # own, an accident of inheritance; for such a cmdlet the markdown's order, the author's, orders the help.
        $order = { 0 }
        if ($parameters | Where-Object { $cmdlet.ImplementingType.GetProperty($_.Name).DeclaringType -ne $cmdlet.ImplementingType }) {
            $rank = @{}
            foreach ($name in $help.Parameters.Keys) { $rank[$name] = $rank.Count }
            $order = { $rank[$_.Name] }
            $parameters = $parameters | Sort-Object -Stable $order
        }
        foreach ($parameter in $parameters) {
            if (-not $help.Parameters[$parameter.Name]) { $missing.Add("$($cmdlet.Name): no help for -$($parameter.Name)") }
        }

        $writer.WriteStartElement('command', 'command', $command)
        $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
        $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)
        $writer.WriteStartElement('command', 'details', $command)
        $writer.WriteElementString('command', 'name', $command, $cmdlet.Name)
        $writer.WriteElementString('command', 'verb', $command, $cmdlet.Verb)
        $writer.WriteElementString('command', 'noun', $command, $cmdlet.Noun)
        Write-Paragraphs $writer ([string] $help.Sections['SYNOPSIS'])
        $writer.WriteEndElement()
        Write-Paragraphs $writer ([string] $help.Sections['DESCRIPTION'])

        $writer.WriteStartElement('command', 'syntax', $command)
        foreach ($set in $cmdlet.ParameterSets) {
            $writer.WriteStartElement('command', 'syntaxItem', $command)
            $writer.WriteElementString('maml', 'name', $maml, $cmdlet.Name)
            foreach ($setParameter in $set.Parameters | Where-Object Name -notin $common | Sort-Object -Stable $order) {
                $parameter = $cmdlet.Parameters[$setParameter.Name]
                Write-Parameter $writer $parameter ([string] $help.Parameters[$parameter.Name]) $setParameter
            }
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'parameters', $command)
        foreach ($parameter in $parameters) {
            $setParameter = $cmdlet.ParameterSets.Parameters | Where-Object Name -eq $parameter.Name | Select-Object -First 1
            Write-Parameter $writer $parameter ([string] $help.Parameters[$parameter.Name]) $setParameter
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'returnValues', $command)
        foreach ($output in $help.Outputs.GetEnumerator()) {
            $writer.WriteStartElement('command', 'returnValue', $command)
            $writer.WriteStartElement('dev', 'type', $dev)
            $writer.WriteElementString('maml', 'name', $maml, $output.Key)
            $writer.WriteEndElement()
            Write-Paragraphs $writer $output.Value
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'examples', $command)
        foreach ($example in $help.Examples) {
            $parts = Split-Example $example.Body
            $writer.WriteStartElement('command', 'example', $command)
            $writer.WriteElementString('maml', 'title', $maml, "-------------------------- $($example.Title) --------------------------")
            $writer.WriteElementString('dev', 'code', $dev, $parts.Code)
            $writer.WriteStartElement('dev', 'remarks', $dev)
            foreach ($paragraph in ($parts.Remarks -split '\r?\n\s*\r?\n')) {
                $writer.WriteElementString('maml', 'para', $maml, ($paragraph -replace '\s*\r?\n\s*', ' ').Trim())
            }
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
}
finally {
    $writer.Dispose()
}

if ($missing.Count) { throw "Help is incomplete:`n  $($missing -join "`n  ")" }
