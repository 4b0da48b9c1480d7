#!/usr/bin/env bash
# Deploys Todoer to AWS in one command, from an empty account to a live HTTPS URL; --destroy goes back.
# One function per step; a failing step stops the script with its name. infra/README.md explains it all.
set -Eeuo pipefail

usage() {
  cat <<'EOF'
Usage: ./deploy.sh [--env NAME] [--dry-run] [--destroy] [--help]

Deploys Todoer to the AWS account of your current credentials and prints its URL:
  1. checks the prerequisites (aws, docker + buildx, node, npm, terraform, git, curl, AWS credentials)
  2. bundles the Lambda consumers (npm run build:lambdas) and synthesizes the CDKTF stacks of the
     environment (infra/), which zip the bundles into their functions
  3. deploys the registry stack (ECR), which names the image's platform and tag
  4. builds the image for that platform (linux/arm64 by default: Graviton) with docker buildx and pushes
     it tagged <git commit SHA>-<architecture> (skipped if that tag exists)
  5. deploys the app stack (tables and their indexes first), which rolls the app's ECS service to that
     image and updates the Lambda consumers to the new bundles
  6. migrates the stored data to the current model (node --import tsx scripts/migrate.ts, idempotent),
     waits until the app's service is stable,
     then migrates once more for what the previous version wrote during the rollout
  7. makes sure the attachments bucket's CORS allows exactly the app's origin
  8. waits until GET /api/health (the deep check: Cognito, DynamoDB, S3) answers 200 through CloudFront,
     then prints the URL

Running it again with nothing changed changes nothing.

Options:
  --env NAME   environment to deploy: dev (default) or prod
  --dry-run    print every command instead of running it
  --destroy    tear the environment down: the app stack, then the registry stack
  -h, --help   show this help

The migration runs with these credentials, not the task role's: besides creating the stacks they need
dynamodb:Scan on the todos and activity tables, PutItem on todos and lists, UpdateItem on activity.

Environment: AWS_REGION (default us-east-1), AWS_PROFILE, and the TODOER_* settings of infra/config.ts
(e.g. TODOER_SIZE=personal|standard|ha, TODOER_WAF, TODOER_STATE_BUCKET for a remote state,
TODOER_ALARM_EMAIL, TODOER_EMAIL_FROM, TODOER_DOMAIN_NAME). Rotating the image-signing key is three
deploys with an edited key list: infra/README.md, "Rotating the image-signing key".
EOF
}

ENV_NAME=dev
DRY_RUN=false
DESTROY=false
HEALTH_ATTEMPTS="${TODOER_HEALTH_ATTEMPTS:-60}"
HEALTH_INTERVAL="${TODOER_HEALTH_INTERVAL:-10}"
CURRENT_STEP=''

# Set by the steps, in order.
GIT_SHA=''
IMAGE_TAG=latest
IMAGE_TAG_RUN=''
REPOSITORY_URL=''
REPOSITORY_NAME=''
IMAGE_PLATFORM=''
IMAGE=''
APP_URL=''
CLUSTER=''
SERVICE=''
BUCKET=''
STACK_REGION=''
TODOS_TABLE=''
LISTS_TABLE=''
ACTIVITY_TABLE=''

# Commands and progress go to the terminal (fd 3, a copy of stderr) even when a step silences stderr;
# stdout carries only the final URL, so `url=$(./deploy.sh)` works.
exec 3>&2

log() { printf '==> %s\n' "$*" >&3; }

die() {
  if [[ -n $CURRENT_STEP ]]; then
    printf 'deploy.sh: step "%s" failed: %s\n' "$CURRENT_STEP" "$*" >&2
  else
    printf 'deploy.sh: %s\n' "$*" >&2
  fi
  exit 1
}

on_error() {
  local code=$?
  # A failure inside $(...) is reported once, by the command that used it.
  if ((BASH_SUBSHELL > 0)); then exit "$code"; fi
  printf 'deploy.sh: step "%s" failed (exit %d)\n' "${CURRENT_STEP:-startup}" "$code" >&2
  exit "$code"
}
trap on_error ERR

step() {
  CURRENT_STEP=$1
  log "$1"
}

# Prints a command as one could paste it into a shell: words with special characters in single quotes.
print_command() {
  local word line='+'
  for word in "$@"; do
    if [[ $word =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then
      line+=" $word"
    else
      line+=" '${word//\'/\'\\\'\'}'"
    fi
  done
  printf '%s\n' "$line" >&3
}

# Prints a command, then runs it unless --dry-run.
run() {
  print_command "$@"
  if [[ $DRY_RUN == true ]]; then return 0; fi
  "$@"
}

# Like run, for commands whose output a step reads: under --dry-run it prints the placeholder ($1) instead.
capture() {
  local placeholder=$1
  shift
  print_command "$@"
  if [[ $DRY_RUN == true ]]; then
    printf '%s\n' "$placeholder"
    return 0
  fi
  "$@"
}

parse_args() {
  while (($# > 0)); do
    case $1 in
      --env)
        if (($# < 2)); then usage >&2; printf 'deploy.sh: --env needs a name: dev or prod\n' >&2; exit 2; fi
        ENV_NAME=$2
        shift 2
        ;;
      --env=*) ENV_NAME=${1#--env=}; shift ;;
      --dry-run) DRY_RUN=true; shift ;;
      --destroy) DESTROY=true; shift ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; printf 'deploy.sh: unknown option: %s\n' "$1" >&2; exit 2 ;;
    esac
  done
  case $ENV_NAME in
    dev | prod) ;;
    *) die "unknown environment \"$ENV_NAME\": use dev or prod" ;;
  esac
}

install_hint() {
  case $1 in
    aws) echo 'install the AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html' ;;
    docker) echo 'install Docker Engine and start it: https://docs.docker.com/engine/install/' ;;
    node | npm) echo 'install Node.js 24 (it comes with npm): https://nodejs.org/' ;;
    terraform) echo 'install Terraform >= 1.11: https://developer.hashicorp.com/terraform/install' ;;
    git) echo 'install git: https://git-scm.com/downloads' ;;
    curl) echo 'install curl (apt-get install curl)' ;;
  esac
}

check_prerequisites() {
  step 'check prerequisites'
  local tools=(aws node npm terraform) missing=() tool
  if [[ $DESTROY == false ]]; then tools+=(docker git curl); fi
  for tool in "${tools[@]}"; do
    if ! command -v "$tool" >/dev/null 2>&1; then missing+=("$tool"); fi
  done
  if ((${#missing[@]} > 0)); then
    for tool in "${missing[@]}"; do
      printf 'deploy.sh: missing prerequisite: %s is not on PATH; %s\n' "$tool" "$(install_hint "$tool")" >&2
    done
    exit 1
  fi
  local account
  if ! account=$(capture '<account-id>' aws sts get-caller-identity --query Account --output text); then
    die "no valid AWS credentials: run 'aws configure' or 'aws sso login', or set AWS_PROFILE"
  fi
  log "AWS account $account, region $AWS_REGION, environment $ENV_NAME"
  if [[ $DESTROY == false ]]; then
    if ! capture '' docker info --format '{{.ServerVersion}}' >/dev/null; then
      die 'docker is installed but its daemon does not answer: start Docker'
    fi
    if ! capture '' docker buildx version >/dev/null; then
      die 'docker buildx is missing: install the Docker buildx plugin (https://docs.docker.com/build/install-buildx/)'
    fi
  fi
}

resolve_revision() {
  step 'resolve git revision'
  GIT_SHA=$(capture '<git-sha>' git rev-parse HEAD)
  local changes
  changes=$(capture '' git status --porcelain --untracked-files=no)
  if [[ -n $changes ]]; then
    die 'the working tree has uncommitted changes; commit them first, since the image is tagged with the commit SHA'
  fi
  IMAGE_TAG=$GIT_SHA
  log "revision $GIT_SHA"
}

synthesize() {
  step 'synthesize stacks'
  if [[ ! -d node_modules/cdktf ]]; then run npm ci --no-audit --no-fund; fi
  # The synth zips .lambda/<consumer>/ into each function: build them from this revision first.
  run npm run --silent build:lambdas >&3
  run env TODOER_ENV="$ENV_NAME" TODOER_IMAGE_TAG="$IMAGE_TAG" AWS_REGION="$AWS_REGION" node --import tsx infra/main.ts >&3
}

stack_dir() { printf 'infra/cdktf.out/stacks/todoer-%s-%s' "$ENV_NAME" "$1"; }

terraform_in() {
  local stack=$1
  shift
  run terraform -chdir="$(stack_dir "$stack")" "$@"
}

stack_output() {
  capture "<$2>" terraform -chdir="$(stack_dir "$1")" output -raw "$2"
}

deploy_registry() {
  step 'deploy registry stack'
  terraform_in registry init -input=false >&3
  terraform_in registry apply -input=false -auto-approve >&3
  REPOSITORY_URL=$(stack_output registry repository_url)
  REPOSITORY_NAME=$(stack_output registry repository_name)
  # The registry stack knows the environment's CPU architecture: the platform to build, and the tag
  # (<git SHA>-<architecture>) the app stack runs.
  IMAGE_PLATFORM=$(stack_output registry image_platform)
  IMAGE_TAG_RUN=$(stack_output registry image_tag)
  IMAGE="$REPOSITORY_URL:$IMAGE_TAG_RUN"
}

# Fails unless the buildx builder can build $IMAGE_PLATFORM (natively, or emulated with QEMU).
check_builder_platform() {
  local builder
  builder=$(capture "Platforms: $IMAGE_PLATFORM" docker buildx inspect --bootstrap)
  if [[ $builder != *"$IMAGE_PLATFORM"* ]]; then
    die "the docker buildx builder cannot build $IMAGE_PLATFORM; build on such a machine, or add QEMU emulation: docker run --privileged --rm tonistiigi/binfmt --install ${IMAGE_PLATFORM#*/}"
  fi
}

publish_image() {
  step 'build and push image'
  print_command aws ecr describe-images --repository-name "$REPOSITORY_NAME" --image-ids "imageTag=$IMAGE_TAG_RUN"
  if [[ $DRY_RUN == false ]] &&
    aws ecr describe-images --repository-name "$REPOSITORY_NAME" --image-ids "imageTag=$IMAGE_TAG_RUN" >/dev/null 2>&1; then
    log "$IMAGE is already in the registry: nothing to build"
    return 0
  fi
  check_builder_platform
  local registry=${REPOSITORY_URL%%/*}
  printf '+ aws ecr get-login-password | docker login --username AWS --password-stdin %s\n' "$registry" >&3
  if [[ $DRY_RUN == false ]]; then
    aws ecr get-login-password | docker login --username AWS --password-stdin "$registry" >&3
  fi
  # One platform, no attestations: a plain image under one tag, which ECR's lifecycle rules see whole.
  run docker buildx build --platform "$IMAGE_PLATFORM" --provenance=false --build-arg "GIT_SHA=$GIT_SHA" --tag "$IMAGE" --push . >&3
}

deploy_app() {
  step 'deploy app stack'
  terraform_in app init -input=false >&3
  terraform_in app apply -input=false -auto-approve >&3
  APP_URL=$(stack_output app app_url)
  CLUSTER=$(stack_output app cluster_name)
  SERVICE=$(stack_output app service_name)
  BUCKET=$(stack_output app bucket_name)
  STACK_REGION=$(stack_output app region)
  TODOS_TABLE=$(stack_output app table_name)
  LISTS_TABLE=$(stack_output app lists_table_name)
  ACTIVITY_TABLE=$(stack_output app activity_table_name)
}

# Brings the stored data to the current model (docs/data-model.md, "Migration"): tasks without a list go
# to their creator's Inbox, activity gets its list. Idempotent (every write is conditional on the old
# shape), so it is safe beside the running app and on every deploy; with nothing to do it only reads.
# The tables and indexes exist by now: the app stack's apply creates them before the task definitions
# that name them. It runs as the deployer: Scan on todos and activity, PutItem on todos and lists,
# UpdateItem on activity. A DynamoDB endpoint of the deployer's shell (e.g. an emulator's) is not used.
migrate_data() {
  step "$1"
  run env -u AWS_ENDPOINT_URL -u AWS_ENDPOINT_URL_DYNAMODB AWS_REGION="$STACK_REGION" TODOS_TABLE="$TODOS_TABLE" \
    LISTS_TABLE="$LISTS_TABLE" ACTIVITY_TABLE="$ACTIVITY_TABLE" node --import tsx scripts/migrate.ts >&3
}

# Fails unless the primary deployment of a service ($1) runs $IMAGE; $2 is its log group, for the message.
check_service_image() {
  local service=$1 log_group=$2 task_definition running
  task_definition=$(capture '<task-definition>' aws ecs describe-services --cluster "$CLUSTER" --services "$service" \
    --query "services[0].deployments[?status=='PRIMARY'].taskDefinition | [0]" --output text)
  running=$(capture "$IMAGE" aws ecs describe-task-definition --task-definition "$task_definition" \
    --query 'taskDefinition.containerDefinitions[0].image' --output text)
  if [[ $running != "$IMAGE" ]]; then
    die "the service $service runs $running, not $IMAGE (the circuit breaker rolls back failing tasks: see the log group $log_group)"
  fi
  log "$service runs $IMAGE"
}

# The app stack's apply gave the service a task definition with the new image; ECS rolls it. The consumers
# are Lambda functions, which the apply itself updated (Terraform waits until each update is done).
wait_for_rollout() {
  step 'roll out services'
  run aws ecs wait services-stable --cluster "$CLUSTER" --services "$SERVICE"
  check_service_image "$SERVICE" "/ecs/todoer-$ENV_NAME"
}

ensure_cors() {
  step 'check bucket CORS'
  local current rules
  current=$(capture '' aws s3api get-bucket-cors --bucket "$BUCKET" --query 'CORSRules[].AllowedOrigins[]' --output text 2>/dev/null) || current=''
  if [[ $current == "$APP_URL" ]]; then
    log "the bucket's CORS already allows exactly $APP_URL"
    return 0
  fi
  printf -v rules '{"CORSRules":[{"AllowedOrigins":["%s"],"AllowedMethods":["GET","HEAD","POST"],"AllowedHeaders":["*"],"ExposeHeaders":["ETag"],"MaxAgeSeconds":3000}]}' "$APP_URL"
  run aws s3api put-bucket-cors --bucket "$BUCKET" --cors-configuration "$rules"
  log "the bucket's CORS now allows exactly $APP_URL"
}

wait_for_health() {
  step 'wait for health'
  local url="$APP_URL/api/health" attempt code
  for ((attempt = 1; attempt <= HEALTH_ATTEMPTS; attempt++)); do
    code=$(capture 200 curl --silent --output /dev/null --write-out '%{http_code}' --max-time 10 "$url") || code=000
    if [[ $code == 200 ]]; then
      log "$url answers 200"
      return 0
    fi
    log "$url answered $code (attempt $attempt of $HEALTH_ATTEMPTS); trying again in ${HEALTH_INTERVAL}s"
    sleep "$HEALTH_INTERVAL"
  done
  die "$url did not answer 200 after $HEALTH_ATTEMPTS attempts"
}

destroy_stack() {
  step "destroy $1 stack"
  terraform_in "$1" init -input=false >&3
  terraform_in "$1" destroy -input=false -auto-approve >&3
}

deploy() {
  check_prerequisites
  resolve_revision
  synthesize
  deploy_registry
  publish_image
  deploy_app
  # The new tasks start as the apply finishes: migrate now so they find the data in its new shape, and
  # again once the old tasks are gone, for whatever they wrote in the old shape until then.
  migrate_data 'migrate data'
  wait_for_rollout
  migrate_data 'finish data migration'
  ensure_cors
  wait_for_health
  CURRENT_STEP=''
  log "Todoer ($ENV_NAME) is live at $APP_URL"
  printf '%s\n' "$APP_URL"
}

destroy() {
  check_prerequisites
  synthesize
  destroy_stack app
  destroy_stack registry
  CURRENT_STEP=''
  log "Todoer ($ENV_NAME) is gone"
}

main() {
  parse_args "$@"
  cd "$(dirname "${BASH_SOURCE[0]}")"
  export AWS_REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}"
  if [[ $DRY_RUN == true ]]; then log 'dry run: printing commands, running none'; fi
  if [[ $DESTROY == true ]]; then destroy; else deploy; fi
}

main "$@"
