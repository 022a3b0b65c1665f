// Operation families, read from the operation's name: one definition for the chart, the badges,
// the diff and the lifelines (UI.md gives each family one colour everywhere).

export type OpFamily = 'create' | 'update' | 'delete' | 'rotate' | 'tag' | 'read' | 'other';

export function opFamily(eventName: string): OpFamily {
  if (/^(Describe|List|Get)[A-Z]/.test(eventName)) return 'read';
  if (/^(Tag|Untag)[A-Z]/.test(eventName)) return 'tag';
  if (/^Rotate[A-Z]/.test(eventName)) return 'rotate';
  if (/^Delete[A-Z]/.test(eventName)) return 'delete';
  if (/^Create[A-Z]/.test(eventName)) return 'create';
  if (/^(Update|Put|Configure|Reset)[A-Z]/.test(eventName)) return 'update';
  return 'other';
}
