// Application Insights on a workspace. Local (key) authentication is off: the app sends telemetry with its
// managed identity, which access.bicep makes a Monitoring Metrics Publisher.

@description('Short name prefix.')
param baseName string

@description('Suffix that keeps names unique.')
param suffix string

@description('Region.')
param location string

@description('Tags.')
param tags object

@description('Days logs are kept.')
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-ai-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

output appInsightsName string = insights.name
output connectionString string = insights.properties.ConnectionString
