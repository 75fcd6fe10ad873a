// The app's storage account: the Functions host's own state (identity-based AzureWebJobsStorage), the Flex
// Consumption deployment package container, the GPU worker's queues and the table for Frugal's state.

@description('Storage account name (3-24 lowercase letters and digits).')
param name string

@description('Region.')
param location string

@description('Tags.')
param tags object

@description('Allow account-key access; off makes identity the only way in.')
param allowSharedKeyAccess bool

@description('Blob container Flex Consumption deploys the app package into.')
param deploymentContainer string

@description('Queues: GPU jobs (normal and high priority), the worker\'s poison queue, results and their poison queue.')
param queueNames array = [
  'gpu-jobs'
  'gpu-jobs-high'
  'gpu-jobs-poison'
  'gpu-results'
  'gpu-results-poison'
]

@description('Tables for Frugal\'s state: one table holds crossings, both outboxes, the audit log, budget alerts, billing detachments and the model archive journal (Frugal creates it on first use too).')
param tableNames array = [
  'frugalstate'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: allowSharedKeyAccess
    defaultToOAuthAuthentication: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainer
  properties: {
    publicAccess: 'None'
  }
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in queueNames: {
    parent: queues
    name: queueName
  }
]

resource tables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource table 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for tableName in tableNames: {
    parent: tables
    name: tableName
  }
]

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
