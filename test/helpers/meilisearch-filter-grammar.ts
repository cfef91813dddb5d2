/**
 * Meilisearch's filter expression grammar, as its documentation states it ("Filter expression
 * reference": conditions on attributes with =, !=, >, >=, <, <=, TO, IN, EXISTS, IS NULL,
 * IS EMPTY, negated with NOT; combined with AND, OR and parentheses, AND binding tighter;
 * values quoted with double or single quotes, `\` escaping; the geo built-ins _geoRadius and
 * _geoBoundingBox), written for ohm-js. Filter strings are outside the OpenAPI description
 * (a plain string there), so the tests check the adapter's filters against this grammar.
 */
import * as ohm from 'ohm-js';

const grammar = ohm.grammar(String.raw`
MeiliFilter {
  Filter = Or
  Or = Or "OR" And  -- or
     | And
  And = And "AND" Not  -- and
      | Not
  Not = "NOT" Not  -- not
      | Primary
  Primary = "(" Or ")"  -- parens
          | GeoRadius
          | GeoBoundingBox
          | Condition
  GeoRadius = "_geoRadius" "(" number "," number "," number ")"
  GeoBoundingBox = "_geoBoundingBox" "(" "[" number "," number "]" "," "[" number "," number "]" ")"
  Condition = attribute "NOT" "IN" "[" ListOf<value, ","> "]"  -- notIn
            | attribute "IN" "[" ListOf<value, ","> "]"  -- in
            | attribute "NOT" "EXISTS"  -- notExists
            | attribute "EXISTS"  -- exists
            | attribute "IS" "NOT" "NULL"  -- notNull
            | attribute "IS" "NULL"  -- null
            | attribute "IS" "NOT" "EMPTY"  -- notEmpty
            | attribute "IS" "EMPTY"  -- empty
            | attribute value "TO" value  -- range
            | attribute comparator value  -- compare
  comparator = "!=" | ">=" | "<=" | "=" | ">" | "<"
  attribute = quoted | word
  value = quoted | word
  quoted = "\"" (escaped | ~"\"" any)* "\""  -- double
         | "'" (escaped | ~"'" any)* "'"  -- single
  escaped = "\\" any
  word = ~reserved (~(space | "(" | ")" | "[" | "]" | "," | "\"" | "'" | "!" | "=" | "<" | ">") any)+
  reserved = ("AND" | "OR" | "NOT" | "IN" | "TO" | "EXISTS" | "IS") ~(alnum | "_" | ".")
  number = "-"? digit+ ("." digit+)?
}`);

/** The values of every quoted string in the expression, unescaped, in order. */
const semantics = grammar.createSemantics().addOperation('strings', {
  _iter: (...children: ohm.Node[]) => children.flatMap((c) => c.strings()),
  _terminal: () => [],
  _nonterminal: (...children: ohm.Node[]) => children.flatMap((c) => c.strings()),
  quoted_double(_open: ohm.Node, chars: ohm.Node, _close: ohm.Node) {
    return [chars.sourceString.replace(/\\(.)/g, '$1')];
  },
  quoted_single(_open: ohm.Node, chars: ohm.Node, _close: ohm.Node) {
    return [chars.sourceString.replace(/\\(.)/g, '$1')];
  },
});

/** Parses a filter; throws with the grammar's message when Meilisearch's grammar refuses it. */
export function parseMeiliFilter(filter: string): { strings: string[] } {
  const match = grammar.match(filter);
  if (match.failed()) throw new SyntaxError(match.message ?? `not a Meilisearch filter: ${filter}`);
  return { strings: semantics(match).strings() as string[] };
}
