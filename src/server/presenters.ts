/**
 * JSON shapes of the API: the app's views plus what only HTTP needs (notes as
 * safe HTML for a browser).
 */
import { contactView, touchpointView } from '../app/views.js';
import type { Contact, Touchpoint } from '../core/types.js';
import { renderMarkdown } from './markdown.js';

export type ContactJson = ReturnType<typeof contactView> & { notesHtml: string };
export type TouchpointJson = ReturnType<typeof touchpointView> & { notesHtml: string };

/** A contact as the API returns it: no owner, notes also as inert HTML. */
export function contactJson(c: Contact): ContactJson {
  return { ...contactView(c), notesHtml: renderMarkdown(c.notes) };
}

/** A touchpoint as the API returns it. */
export function touchpointJson(t: Touchpoint): TouchpointJson {
  return { ...touchpointView(t), notesHtml: renderMarkdown(t.notes) };
}
