import { ACTION_SERVER_FIELDS, HTML_BASE } from "./defaults";
import type { ActionRecord, PipelineRecord, ProjectRecord, WorkspaceRecord } from "./store";
import type { JsonObject } from "./types";

/**
 * JSON views of stored records, shaped like Buddy's responses. `url` points at the emulator itself (so a client can
 * follow it), `html_url` at where the object would live in Buddy's web app.
 */

const seg = encodeURIComponent;

export function workspacePath(ws: WorkspaceRecord): string {
  return `/workspaces/${seg(ws.name)}`;
}
export function projectPath(ws: WorkspaceRecord, p: ProjectRecord): string {
  return `${workspacePath(ws)}/projects/${seg(p.name)}`;
}
export function pipelinePath(ws: WorkspaceRecord, p: ProjectRecord, pl: PipelineRecord): string {
  return `${projectPath(ws, p)}/pipelines/${pl.id}`;
}

const wsHtml = (ws: WorkspaceRecord): string => `${HTML_BASE}/${seg(ws.name)}`;
const projectHtml = (ws: WorkspaceRecord, p: ProjectRecord): string => `${wsHtml(ws)}/${seg(p.name)}`;
const pipelineHtml = (ws: WorkspaceRecord, p: ProjectRecord, pl: PipelineRecord): string =>
  `${projectHtml(ws, p)}/pipelines/pipeline/${pl.id}`;

export function workspaceView(base: string, ws: WorkspaceRecord): JsonObject {
  return {
    url: base + workspacePath(ws),
    html_url: wsHtml(ws),
    id: ws.id,
    name: ws.display_name,
    domain: ws.name,
    create_date: ws.create_date,
  };
}

export function projectView(base: string, ws: WorkspaceRecord, p: ProjectRecord): JsonObject {
  return {
    url: base + projectPath(ws, p),
    html_url: projectHtml(ws, p),
    name: p.name,
    display_name: p.display_name,
    status: "ACTIVE",
    create_date: p.create_date,
  };
}

function shortPipelineView(base: string, ws: WorkspaceRecord, p: ProjectRecord, pl: PipelineRecord): JsonObject {
  return { url: base + pipelinePath(ws, p, pl), html_url: pipelineHtml(ws, p, pl), id: pl.id, name: pl.name };
}

export function pipelineView(base: string, ws: WorkspaceRecord, p: ProjectRecord, pl: PipelineRecord): JsonObject {
  return {
    ...shortPipelineView(base, ws, p, pl),
    // Where the definition lives (yaml-pipelines.ts): in the app unless the client said otherwise.
    definition_source: "LOCAL",
    git_config_ref: "NONE",
    ...pl.fields,
    create_date: pl.create_date,
    project: {
      url: base + projectPath(ws, p),
      html_url: projectHtml(ws, p),
      name: p.name,
      display_name: p.display_name,
    },
  };
}

export function actionView(
  base: string,
  ws: WorkspaceRecord,
  p: ProjectRecord,
  pl: PipelineRecord,
  a: ActionRecord,
): JsonObject {
  return {
    url: `${base}${pipelinePath(ws, p, pl)}/actions/${a.id}`,
    html_url: `${pipelineHtml(ws, p, pl)}/action/${a.id}`,
    id: a.id,
    ...a.fields,
    ...ACTION_SERVER_FIELDS,
    pipeline: shortPipelineView(base, ws, p, pl),
  };
}

export const htmlUrls = { workspace: wsHtml, project: projectHtml, pipeline: pipelineHtml };
