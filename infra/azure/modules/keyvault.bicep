// The vault for Frugal's secrets, authorised by Azure RBAC (no access policies). Secrets are not created here, so
// a redeployment never overwrites a real value with a placeholder: set them with `az keyvault secret set`.

@description('Vault name (3-24 characters).')
param name string

@description('Region.')
param location string

@description('Tags.')
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
