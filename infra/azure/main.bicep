// Frugal's Azure footprint: a Flex Consumption Function App (.NET isolated) with a system-assigned identity, the
// storage account it runs on (also the GPU job queues and the state table), Key Vault for its secrets, and
// Application Insights on a Log Analytics workspace. No secret value is written here: secrets are Key Vault
// references resolved by the platform, and the vault is filled with `az keyvault secret set` (docs/deploy.md).

targetScope = 'resourceGroup'

@description('Short name used to derive every resource name; lowercase letters and digits.')
@minLength(3)
@maxLength(11)
param baseName string = 'frugal'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('.NET isolated worker version the Flex Consumption runtime runs; matches the project target.')
param dotnetVersion string = '10.0'

@description('Memory per Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances Flex Consumption may scale out to. Frugal needs few; a low cap bounds its own cost.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('NCRONTAB schedule of the PollBilling timer (six fields, UTC).')
param pollBillingSchedule string = '0 */15 * * * *'

@description('NCRONTAB schedules (six fields, UTC) of the other timers; a key left out keeps its default.')
param schedules object = {}

@description('Turn on the Google integration (billing catalog, BigQuery export, Compute for Spot training, GCS).')
param googleEnabled bool = false

@description('Policy file, relative to the deployed app folder (publish it with the app).')
param policyPath string = 'frugal.yaml'

@description('Instance-local scratch path: cost exports are mirrored beside it. The state itself is in Table Storage.')
param statePath string = '/tmp/frugal/state.db'

@description('Frugal\'s state table is this prefix and "state"; letters and digits, starting with a letter.')
param stateTablePrefix string = 'frugal'

@description('SMTP user name for e-mail notifications (the password goes in Key Vault).')
param smtpUser string = ''

@description('Audience the Pub/Sub push subscription puts in its OIDC tokens; empty means the GCP webhook URL.')
param gcpPushAudience string = ''

@description('Service account the Pub/Sub push subscription signs as (infra/gcp/setup.sh prints it).')
param gcpPushServiceAccountEmail string = ''

@description('Allow shared-key access to storage. The GPU worker reads its queues with a connection string.')
param allowSharedKeyAccess bool = true

@description('Names of the Key Vault secrets the app settings point at.')
param secretNames object = {
  slackUrl: 'frugal-slack-url'
  smtpPassword: 'frugal-smtp-password'
  googleCredentials: 'frugal-google-credentials'
  azureAlertSecret: 'frugal-azure-alert-secret'
  trainingApiKey: 'frugal-training-api-key'
}

@description('Tags on every resource.')
param tags object = {
  app: 'frugal'
}

var suffix = uniqueString(resourceGroup().id, baseName)
var storageName = take('${baseName}${suffix}', 24)
var vaultName = take('${baseName}-kv-${suffix}', 24)
var appName = '${baseName}-func-${suffix}'
var deploymentContainer = 'app-package'

module storage 'modules/storage.bicep' = {
  name: 'frugal-storage'
  params: {
    name: storageName
    location: location
    tags: tags
    allowSharedKeyAccess: allowSharedKeyAccess
    deploymentContainer: deploymentContainer
    tableNames: ['${stateTablePrefix}state']
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'frugal-monitoring'
  params: {
    baseName: baseName
    suffix: suffix
    location: location
    tags: tags
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'frugal-keyvault'
  params: {
    name: vaultName
    location: location
    tags: tags
  }
}

module app 'modules/functionapp.bicep' = {
  name: 'frugal-functionapp'
  params: {
    name: appName
    location: location
    tags: tags
    dotnetVersion: dotnetVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainer}'
    appInsightsConnectionString: monitoring.outputs.connectionString
    vaultUri: vault.outputs.uri
    secretNames: secretNames
    pollBillingSchedule: pollBillingSchedule
    schedules: schedules
    googleEnabled: googleEnabled
    queueEndpoint: storage.outputs.queueEndpoint
    policyPath: policyPath
    statePath: statePath
    stateTableEndpoint: storage.outputs.tableEndpoint
    stateTablePrefix: stateTablePrefix
    smtpUser: smtpUser
    gcpPushAudience: gcpPushAudience
    gcpPushServiceAccountEmail: gcpPushServiceAccountEmail
  }
}

module access 'modules/access.bicep' = {
  name: 'frugal-access'
  params: {
    principalId: app.outputs.principalId
    storageAccountName: storage.outputs.name
    vaultName: vault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

@description('The Function App name (for `func azure functionapp publish`).')
output functionAppName string = app.outputs.name

@description('The GCP budget webhook: the Pub/Sub push endpoint and default token audience.')
output gcpWebhookUrl string = app.outputs.gcpWebhookUrl

@description('The Azure budget action-group webhook (append ?secret=... from Key Vault).')
output azureWebhookUrl string = app.outputs.azureWebhookUrl

@description('The identity Key Vault and storage trust; give it no more roles than access.bicep does.')
output principalId string = app.outputs.principalId

@description('The storage account holding the GPU queues and the state table.')
output storageAccountName string = storage.outputs.name

@description('The Key Vault to put the secrets in.')
output keyVaultName string = vault.outputs.name
