// The Function App on a Flex Consumption plan. Everything it reaches it reaches as its system-assigned identity:
// the host's storage (AzureWebJobsStorage__accountName), the deployment package, Application Insights and Key Vault.

@description('Function App name.')
param name string

@description('Region.')
param location string

@description('Tags.')
param tags object

@description('.NET isolated version.')
param dotnetVersion string

@description('Memory per instance, in MB.')
param instanceMemoryMB int

@description('Most instances.')
param maximumInstanceCount int

@description('Storage account the host and the deployment package use.')
param storageAccountName string

@description('Blob container URL the app package is deployed to.')
param deploymentContainerUrl string

@description('Application Insights connection string (not a secret: it only names where telemetry goes).')
param appInsightsConnectionString string

@description('Key Vault URI, ending in a slash.')
param vaultUri string

@description('Key Vault secret names: slackUrl, smtpPassword, googleCredentials, azureAlertSecret, trainingApiKey.')
param secretNames object

@description('PollBilling NCRONTAB schedule.')
param pollBillingSchedule string

@description('Schedules of the other timers by step name (adjustAutoscaling, archiveStaleModels, launchOffPeakTraining, releaseHeldGpuJobs, evaluateRetraining); missing keys keep the defaults.')
param schedules object

@description('Whether the Google integration is on.')
param googleEnabled bool

@description('Queue service endpoint of the GPU worker pool\'s queues, reached with the app\'s identity.')
param queueEndpoint string

@description('Policy file path.')
param policyPath string

@description('Instance-local scratch path; mirrored cost exports are kept beside it.')
param statePath string

@description('Table service endpoint of the state table, reached with the app\'s identity.')
param stateTableEndpoint string

@description('Prefix of the state table\'s name.')
param stateTablePrefix string

@description('SMTP user name (not a secret; the policy reads it as env:FRUGAL_SMTP_USER).')
param smtpUser string

@description('OIDC audience for GCP pushes; empty means the GCP webhook URL.')
param gcpPushAudience string

@description('Service account email GCP pushes sign as.')
param gcpPushServiceAccountEmail string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

var timerSchedules = union(
  {
    adjustAutoscaling: '0 */5 * * * *'
    archiveStaleModels: '0 30 3 * * *'
    launchOffPeakTraining: '0 */5 * * * *'
    releaseHeldGpuJobs: '0 */10 * * * *'
    evaluateRetraining: '0 10 * * * *'
  },
  schedules
)

// The default host name is known before the site exists, so the webhook URLs can be app settings of the site.
var hostName = '${name}.azurewebsites.net'
var gcpWebhookUrl = 'https://${hostName}/api/budget-alerts/gcp'
var azureWebhookUrl = 'https://${hostName}/api/budget-alerts/azure'

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Secrets are Key Vault references: a versionless SecretUri follows the secret's latest version, so a rotation
      // needs no redeployment. The platform resolves them with the site's identity (Key Vault Secrets User).
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        { name: 'FrugalPollBillingSchedule', value: pollBillingSchedule }
        { name: 'FrugalAdjustAutoscalingSchedule', value: timerSchedules.adjustAutoscaling }
        { name: 'FrugalArchiveStaleModelsSchedule', value: timerSchedules.archiveStaleModels }
        { name: 'FrugalLaunchOffPeakTrainingSchedule', value: timerSchedules.launchOffPeakTraining }
        { name: 'FrugalReleaseHeldGpuJobsSchedule', value: timerSchedules.releaseHeldGpuJobs }
        { name: 'FrugalEvaluateRetrainingSchedule', value: timerSchedules.evaluateRetraining }
        // The GPU worker pool's queues in the app's own account: jobs sent and results read with the app's identity.
        { name: 'FrugalGpuResultsQueue', value: 'gpu-results' }
        { name: 'FrugalGpuJobsStorage__queueServiceUri', value: queueEndpoint }
        { name: 'FrugalGpuJobsStorage__credential', value: 'managedidentity' }
        { name: 'Frugal__GpuJobs__QueueServiceUri', value: queueEndpoint }
        { name: 'Frugal__GpuJobs__QueueName', value: 'gpu-jobs' }
        { name: 'Frugal__GpuJobs__ResultQueueName', value: 'gpu-results' }
        { name: 'Frugal__Google__Enabled', value: string(googleEnabled) }
        { name: 'Frugal__PolicyPath', value: policyPath }
        { name: 'Frugal__StatePath', value: statePath }
        // State lasts across instances and restarts, and two instances never act twice (ETag leases).
        { name: 'Frugal__State__Provider', value: 'azureTables' }
        { name: 'Frugal__State__TableServiceUri', value: stateTableEndpoint }
        { name: 'Frugal__State__TablePrefix', value: stateTablePrefix }
        { name: 'Frugal__Webhooks__Gcp__Audience', value: empty(gcpPushAudience) ? gcpWebhookUrl : gcpPushAudience }
        { name: 'Frugal__Webhooks__Gcp__ServiceAccountEmail', value: gcpPushServiceAccountEmail }
        {
          name: 'Frugal__Webhooks__Azure__Secret'
          value: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.azureAlertSecret}/)'
        }
        {
          name: 'FRUGAL_SLACK_URL'
          value: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.slackUrl}/)'
        }
        { name: 'FRUGAL_SMTP_USER', value: smtpUser }
        {
          name: 'FRUGAL_SMTP_PASSWORD'
          value: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.smtpPassword}/)'
        }
        {
          name: 'Frugal__Training__ApiKey'
          value: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.trainingApiKey}/)'
        }
        {
          name: 'FRUGAL_GOOGLE_CREDENTIALS'
          value: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.googleCredentials}/)'
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }
}


output name string = site.name
output principalId string = site.identity.principalId
output gcpWebhookUrl string = gcpWebhookUrl
output azureWebhookUrl string = azureWebhookUrl
