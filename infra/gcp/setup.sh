#!/usr/bin/env bash
# Sets up Frugal's side of Google Cloud: a least-privilege service account for Compute, Billing and BigQuery, the
# Pub/Sub topic a budget publishes to, an authenticated push subscription to Frugal's webhook, and the budget.
# Every step checks before it creates, so the script can be run again after a change. README.md explains each
# permission. Needs gcloud and bq (Cloud SDK), signed in as someone who may grant these roles.
#
#   FRUGAL_PROJECT=ml-platform-ops BILLING_ACCOUNT=0X0X0X-0X0X0X-0X0X0X \
#   WEBHOOK_URL=https://frugal-func-abc.azurewebsites.net/api/budget-alerts/gcp \
#   TARGET_PROJECTS="ml-training ml-serving" EXPORT_DATASET=ml-platform-ops:billing_export \
#   BUDGET_AMOUNT=500000 BUDGET_CURRENCY=USD bash infra/gcp/setup.sh
set -euo pipefail

: "${FRUGAL_PROJECT:?the project that holds the Frugal service account, topic and subscription}"
: "${BILLING_ACCOUNT:?the billing account id, e.g. 0X0X0X-0X0X0X-0X0X0X}"
: "${WEBHOOK_URL:?the Frugal GCP webhook, https://<app>.azurewebsites.net/api/budget-alerts/gcp}"
: "${TARGET_PROJECTS:?space-separated projects Frugal may act on (Spot training, billing)}"
: "${EXPORT_DATASET:?the billing export dataset as project:dataset}"
: "${BUDGET_AMOUNT:?the budget amount, in the currency of the billing account}"
BUDGET_CURRENCY=${BUDGET_CURRENCY:-USD}
BUDGET_NAME=${BUDGET_NAME:-frugal-ml-platform}
PUSH_AUDIENCE=${PUSH_AUDIENCE:-$WEBHOOK_URL}
# Billing detach and re-attach are Frugal's most drastic rung: their roles are granted only when asked for.
ALLOW_BILLING_DETACH=${ALLOW_BILLING_DETACH:-false}
# The service account training VMs run as; Frugal needs to act as it to launch them.
TRAINING_SA=${TRAINING_SA:-}
# Buckets (names, space-separated) holding training checkpoints: Frugal reads the jobs' outcome markers there.
CHECKPOINT_BUCKETS=${CHECKPOINT_BUCKETS:-}
# Workload identity federation from the Function App's managed identity (no key to keep): all three or none.
AZURE_TENANT_ID=${AZURE_TENANT_ID:-}
AZURE_PRINCIPAL_ID=${AZURE_PRINCIPAL_ID:-}
AZURE_APP_ID_URI=${AZURE_APP_ID_URI:-}

sa_name=frugal-controller
sa="${sa_name}@${FRUGAL_PROJECT}.iam.gserviceaccount.com"
push_sa_name=frugal-pubsub-push
push_sa="${push_sa_name}@${FRUGAL_PROJECT}.iam.gserviceaccount.com"
topic=frugal-budget-alerts
subscription=frugal-budget-alerts-push
role_id=frugalCompute
jobs_role_id=frugalBigQueryJobs

step() { printf '==> %s\n' "$*"; }

ensure_service_account() {
  local name=$1 display=$2 email="$1@${FRUGAL_PROJECT}.iam.gserviceaccount.com"
  if ! gcloud iam service-accounts describe "$email" --project "$FRUGAL_PROJECT" >/dev/null 2>&1; then
    gcloud iam service-accounts create "$name" --project "$FRUGAL_PROJECT" --display-name "$display"
  fi
}

# Creates the custom role, or updates its permissions when it exists, so a rerun converges on this list.
ensure_project_role() {
  local project=$1 id=$2 title=$3 permissions=$4
  if gcloud iam roles describe "$id" --project "$project" >/dev/null 2>&1; then
    gcloud iam roles update "$id" --project "$project" --permissions "$permissions" --quiet >/dev/null
  else
    gcloud iam roles create "$id" --project "$project" --title "$title" --stage GA --permissions "$permissions"
  fi
}

bind_project() {
  gcloud projects add-iam-policy-binding "$1" --member "serviceAccount:$sa" --role "$2" \
    --condition None --quiet >/dev/null
}

step "enabling APIs in $FRUGAL_PROJECT"
gcloud services enable --project "$FRUGAL_PROJECT" \
  iam.googleapis.com pubsub.googleapis.com cloudbilling.googleapis.com billingbudgets.googleapis.com \
  bigquery.googleapis.com compute.googleapis.com

project_number=$(gcloud projects describe "$FRUGAL_PROJECT" --format 'value(projectNumber)')

step "service accounts $sa and $push_sa"
ensure_service_account "$sa_name" "Frugal cost autopilot"
ensure_service_account "$push_sa_name" "Frugal budget push (OIDC signer)"

compute_permissions=$(paste -sd, - <<'LIST'
compute.instances.create
compute.instances.get
compute.instances.list
compute.instances.delete
compute.instances.stop
compute.instances.start
compute.instances.setMetadata
compute.instances.setLabels
compute.instances.setServiceAccount
compute.disks.create
compute.images.useReadOnly
compute.subnetworks.use
compute.subnetworks.useExternalIp
compute.zoneOperations.get
compute.zoneOperations.list
LIST
)

for project in $TARGET_PROJECTS; do
  step "Compute role $role_id in $project"
  gcloud services enable compute.googleapis.com --project "$project"
  ensure_project_role "$project" "$role_id" "Frugal Spot training" "$compute_permissions"
  bind_project "$project" "projects/$project/roles/$role_id"
  if [[ "$ALLOW_BILLING_DETACH" == "true" ]]; then
    step "billing project manager on $project (detach and re-attach billing)"
    bind_project "$project" roles/billing.projectManager
  fi
done

if [[ -n "$TRAINING_SA" ]]; then
  step "Frugal may launch VMs as $TRAINING_SA (that account only)"
  gcloud iam service-accounts add-iam-policy-binding "$TRAINING_SA" \
    --member "serviceAccount:$sa" --role roles/iam.serviceAccountUser --quiet >/dev/null
fi

for bucket in $CHECKPOINT_BUCKETS; do
  step "Frugal may read objects in gs://$bucket (training outcome markers)"
  gcloud storage buckets add-iam-policy-binding "gs://$bucket" \
    --member "serviceAccount:$sa" --role roles/storage.objectViewer --quiet >/dev/null
done

if [[ "$ALLOW_BILLING_DETACH" == "true" ]]; then
  step "billing user on $BILLING_ACCOUNT (re-attach a project to this account)"
  gcloud billing accounts add-iam-policy-binding "$BILLING_ACCOUNT" \
    --member "serviceAccount:$sa" --role roles/billing.user --quiet >/dev/null
fi

export_project=${EXPORT_DATASET%%:*}
step "BigQuery: run queries in $export_project, read only $EXPORT_DATASET"
ensure_project_role "$export_project" "$jobs_role_id" "Frugal BigQuery jobs" bigquery.jobs.create
bind_project "$export_project" "projects/$export_project/roles/$jobs_role_id"
bq add-iam-policy-binding --member "serviceAccount:$sa" --role roles/bigquery.dataViewer "$EXPORT_DATASET" >/dev/null

step "Pub/Sub topic $topic"
if ! gcloud pubsub topics describe "$topic" --project "$FRUGAL_PROJECT" >/dev/null 2>&1; then
  gcloud pubsub topics create "$topic" --project "$FRUGAL_PROJECT"
fi
# Cloud Billing publishes budget notifications as this Google-managed account.
gcloud pubsub topics add-iam-policy-binding "$topic" --project "$FRUGAL_PROJECT" \
  --member serviceAccount:billing-budget-alert@system.gserviceaccount.com --role roles/pubsub.publisher \
  --quiet >/dev/null

step "push subscription $subscription -> $WEBHOOK_URL (OIDC, audience $PUSH_AUDIENCE)"
# Pub/Sub's own service agent mints the OIDC tokens, acting as the push account.
gcloud iam service-accounts add-iam-policy-binding "$push_sa" --project "$FRUGAL_PROJECT" \
  --member "serviceAccount:service-${project_number}@gcp-sa-pubsub.iam.gserviceaccount.com" \
  --role roles/iam.serviceAccountTokenCreator --quiet >/dev/null
push_flags=(--push-endpoint "$WEBHOOK_URL" --push-auth-service-account "$push_sa"
  --push-auth-token-audience "$PUSH_AUDIENCE" --ack-deadline 30 --message-retention-duration 1d
  --min-retry-delay 10s --max-retry-delay 600s)
if gcloud pubsub subscriptions describe "$subscription" --project "$FRUGAL_PROJECT" >/dev/null 2>&1; then
  gcloud pubsub subscriptions update "$subscription" --project "$FRUGAL_PROJECT" "${push_flags[@]}"
else
  gcloud pubsub subscriptions create "$subscription" --project "$FRUGAL_PROJECT" --topic "$topic" "${push_flags[@]}"
fi

step "budget $BUDGET_NAME: $BUDGET_AMOUNT $BUDGET_CURRENCY a month over: $TARGET_PROJECTS"
filter_projects=""
for project in $TARGET_PROJECTS; do
  filter_projects+="${filter_projects:+,}projects/$project"
done
# shellcheck disable=SC2054  # the comma joins two keys of one --threshold-rule value
budget_flags=(--billing-account "$BILLING_ACCOUNT" --display-name "$BUDGET_NAME"
  --budget-amount "${BUDGET_AMOUNT}${BUDGET_CURRENCY}" --calendar-period month
  --filter-projects "$filter_projects"
  --threshold-rule percent=0.5 --threshold-rule percent=0.9 --threshold-rule percent=1.0
  --threshold-rule percent=0.9,basis=forecasted-spend
  --notifications-rule-pubsub-topic "projects/$FRUGAL_PROJECT/topics/$topic")
existing=$(gcloud billing budgets list --billing-account "$BILLING_ACCOUNT" \
  --filter "displayName=$BUDGET_NAME" --format 'value(name)' | head -n 1)
if [[ -n "$existing" ]]; then
  gcloud billing budgets update "$existing" "${budget_flags[@]}"
else
  gcloud billing budgets create "${budget_flags[@]}"
fi

if [[ -n "$AZURE_TENANT_ID" ]]; then
  : "${AZURE_PRINCIPAL_ID:?the Function App principal id (infra/azure output principalId)}"
  : "${AZURE_APP_ID_URI:?the Entra application ID URI the tokens are issued for}"
  pool=frugal-azure
  provider=entra
  pool_path="projects/$project_number/locations/global/workloadIdentityPools/$pool"
  step "workload identity federation: Entra tenant $AZURE_TENANT_ID, identity $AZURE_PRINCIPAL_ID -> $sa"
  gcloud services enable iamcredentials.googleapis.com sts.googleapis.com --project "$FRUGAL_PROJECT"
  if ! gcloud iam workload-identity-pools describe "$pool" --location global --project "$FRUGAL_PROJECT" \
    >/dev/null 2>&1; then
    gcloud iam workload-identity-pools create "$pool" --location global --project "$FRUGAL_PROJECT" \
      --display-name "Frugal on Azure"
  fi
  if ! gcloud iam workload-identity-pools providers describe "$provider" --workload-identity-pool "$pool" \
    --location global --project "$FRUGAL_PROJECT" >/dev/null 2>&1; then
    # Managed identity tokens are Entra v1 tokens: this issuer, and the identity's object id as subject.
    gcloud iam workload-identity-pools providers create-oidc "$provider" --workload-identity-pool "$pool" \
      --location global --project "$FRUGAL_PROJECT" --issuer-uri "https://sts.windows.net/$AZURE_TENANT_ID/" \
      --allowed-audiences "$AZURE_APP_ID_URI" --attribute-mapping google.subject=assertion.sub
  fi
  # Only that one identity may act as the service account, not the whole tenant.
  gcloud iam service-accounts add-iam-policy-binding "$sa" --project "$FRUGAL_PROJECT" \
    --role roles/iam.workloadIdentityUser --quiet \
    --member "principal://iam.googleapis.com/$pool_path/subject/$AZURE_PRINCIPAL_ID" >/dev/null
  gcloud iam workload-identity-pools create-cred-config "$pool_path/providers/$provider" \
    --service-account "$sa" --azure --app-id-uri "$AZURE_APP_ID_URI" --output-file frugal-google-credentials.json
  echo "Wrote frugal-google-credentials.json (no secret in it); store it as Key Vault secret frugal-google-credentials."
fi

cat <<DONE

Done. Put these in the Function App's settings (infra/azure parameters, or az functionapp config appsettings set):
  Frugal__Webhooks__Gcp__Audience=$PUSH_AUDIENCE
  Frugal__Webhooks__Gcp__ServiceAccountEmail=$push_sa
Frugal acts on Google Cloud as $sa; docs/deploy.md shows how to give it that identity (key or federation).
DONE
