{{/* Names */}}
{{- define "stepwise.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "stepwise.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "stepwise.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels. Every Stepwise pod has the selector labels plus app.kubernetes.io/component. */}}
{{- define "stepwise.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stepwise.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "stepwise.labels" -}}
helm.sh/chart: {{ include "stepwise.chart" . }}
{{ include "stepwise.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: stepwise
{{- end }}

{{/*
Components: "server" is the one Deployment that serves the API and runs the steps; with
worker.enabled, "api" serves the API only and "worker" runs the steps.
*/}}
{{- define "stepwise.apiComponent" -}}
{{- if .Values.worker.enabled }}api{{ else }}server{{ end }}
{{- end }}

{{- define "stepwise.workerComponent" -}}
{{- if .Values.worker.enabled }}worker{{ else }}server{{ end }}
{{- end }}

{{/* The Deployment of a component: (dict "root" $ "component" "api") */}}
{{- define "stepwise.componentName" -}}
{{- $fullname := include "stepwise.fullname" .root }}
{{- if eq .component "server" }}{{ $fullname }}{{ else }}{{ printf "%s-%s" ($fullname | trunc 56 | trimSuffix "-") .component }}{{ end }}
{{- end }}

{{- define "stepwise.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}

{{/* Database */}}
{{- define "stepwise.jdbcUrl" -}}
{{- with .Values.database }}
{{- printf "jdbc:postgresql://%s:%d/%s?sslmode=%s" .host (int .port) .name .sslMode }}
{{- end }}
{{- end }}

{{- define "stepwise.secretName" -}}
{{- .Values.database.existingSecret | default (printf "%s-db" (include "stepwise.fullname" .)) }}
{{- end }}

{{- define "stepwise.secretPasswordKey" -}}
{{- if .Values.database.existingSecret }}{{ .Values.database.existingSecretPasswordKey }}{{ else }}password{{ end }}
{{- end }}

{{- define "stepwise.usernameFromSecret" -}}
{{- if and .Values.database.existingSecret .Values.database.existingSecretUsernameKey }}true{{ end }}
{{- end }}

{{/* Credentials as container env: the password, and the user name when the existing Secret holds it. */}}
{{- define "stepwise.credentialEnv" -}}
{{- if include "stepwise.usernameFromSecret" . }}
- name: SPRING_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "stepwise.secretName" . }}
      key: {{ .Values.database.existingSecretUsernameKey }}
{{- end }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "stepwise.secretName" . }}
      key: {{ include "stepwise.secretPasswordKey" . }}
{{- end }}

{{/*
The settings every Stepwise container shares, as environment (Spring Boot's relaxed names: dots become
underscores, dashes are dropped). The ConfigMap holds them for the Deployments; the migration Job,
which runs before the ConfigMap exists, gets them inline.
*/}}
{{- define "stepwise.configEnv" -}}
{{- $env := dict "SPRING_DATASOURCE_URL" (include "stepwise.jdbcUrl" .) }}
{{- if not (include "stepwise.usernameFromSecret" .) }}
{{- $_ := set $env "SPRING_DATASOURCE_USERNAME" (.Values.database.username | toString) }}
{{- end }}
{{- $_ := set $env "SPRING_FLYWAY_ENABLED" (not .Values.migrations.enabled | toString) }}
{{- $_ := set $env "SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE" (printf "%ds" (int .Values.shutdown.webDrainSeconds)) }}
{{- $_ := set $env "STEPWISE_WORKER_SHUTDOWNGRACE" (printf "%ds" (int .Values.shutdown.workerGraceSeconds)) }}
{{- $_ := set $env "STEPWISE_WORKER_SLOTS" (int .Values.worker.slots | toString) }}
{{- /* env last: it may also replace the chart's own, e.g. SPRING_DATASOURCE_URL with more parameters */}}
{{- range $name, $value := .Values.env }}
{{- $_ := set $env $name ($value | toString) }}
{{- end }}
{{- range $name, $value := $env }}
{{ $name }}: {{ $value | quote }}
{{- end }}
{{- end }}

{{- define "stepwise.terminationGracePeriodSeconds" -}}
{{- with .Values.shutdown }}
{{- if .terminationGracePeriodSeconds }}{{ int .terminationGracePeriodSeconds }}{{ else }}{{ add .preStopSleepSeconds (mul 2 .workerGraceSeconds) .webDrainSeconds 10 }}{{ end }}
{{- end }}
{{- end }}

{{/* Which autoscaler owns a component's replica count, if any: (dict "root" $ "component" "api") */}}
{{- define "stepwise.autoscaled" -}}
{{- $root := .root }}
{{- if and $root.Values.autoscaling.enabled (eq .component (include "stepwise.apiComponent" $root)) }}hpa{{ end }}
{{- if and $root.Values.keda.enabled (eq .component (include "stepwise.workerComponent" $root)) }}keda{{ end }}
{{- end }}

{{/* Due READY steps per replica for KEDA: keda.readyStepsPerReplica, or worker.slots */}}
{{- define "stepwise.kedaTarget" -}}
{{- int (.Values.keda.readyStepsPerReplica | default .Values.worker.slots) }}
{{- end }}

{{/*
KEDA's query: the due READY steps of the default queue, the rows StepClaimReady claims. Its WHERE is the
claim's (status = 'READY' is step_ready_idx's predicate, queue its first column, run_at in the index),
so PostgreSQL answers it from step_ready_idx alone. The count stops at maxReplicas × target: beyond that
the answer (maxReplicas) is the same, and a huge backlog costs no longer scan.
*/}}
{{- define "stepwise.kedaQuery" -}}
{{- $limit := mul (int .Values.keda.maxReplicas) (int (include "stepwise.kedaTarget" .)) }}
{{- printf "SELECT count(*) FROM (SELECT 1 FROM step WHERE status = 'READY' AND queue = 'default' AND run_at <= now() LIMIT %d) AS due" $limit }}
{{- end }}

{{- define "stepwise.kedaHost" -}}
{{- $host := .Values.keda.host | default .Values.database.host }}
{{- if contains "." $host }}{{ $host }}{{ else }}{{ printf "%s.%s.svc" $host .Release.Namespace }}{{ end }}
{{- end }}

{{/* Pod-level settings shared by the Deployments and the migration Job */}}
{{- define "stepwise.podCommon" -}}
automountServiceAccountToken: false
{{- with .Values.serviceAccountName }}
serviceAccountName: {{ . }}
{{- end }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{- define "stepwise.tmpVolume" -}}
- name: tmp
  emptyDir:
    {{- with .Values.tmp.sizeLimit }}
    sizeLimit: {{ . }}
    {{- end }}
{{- end }}

{{- define "stepwise.validate" -}}
{{- if and .Values.autoscaling.enabled .Values.keda.enabled (not .Values.worker.enabled) }}
{{- fail "autoscaling.enabled and keda.enabled would both scale the one Deployment: set worker.enabled=true (the HPA scales the API, KEDA the workers) or choose one" }}
{{- end }}
{{- if and .Values.database.existingSecretUsernameKey (not .Values.database.existingSecret) }}
{{- fail "database.existingSecretUsernameKey needs database.existingSecret" }}
{{- end }}
{{- end }}
