/**
 * graphql-js' validation suggests names close to a mistyped one ("Did you mean "needs"?"),
 * which spells out the schema to anyone probing it even though introspection is off.
 * Production leaves the suggestion out (Apollo's `hideSchemaDetailsFromClientErrors` does
 * the same over HTTP; this is for the WebSocket endpoint).
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, '');
}
