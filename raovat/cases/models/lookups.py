"""`field__any=[…]`: the field's value is one of a list, as one array on PostgreSQL.

`field__in=[…]` with a list of thousands of ids (a batch of 750 cases, the cases a rare
word was found on) makes Django compile one placeholder per id and the driver split and
quote each, for every query that reads the batch: a 750-case dispatch spent about a
fifth of its time there. On PostgreSQL `= ANY(%s)` binds the whole list as one array;
elsewhere it is the same `IN (…)` as `__in`. An empty list matches nothing, as `__in`.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject, Lookup

INTEGERS = {"smallint", "integer", "bigint"}


class AnyOf(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self):
        field = self.lhs.output_field
        return [field.get_prep_value(v) for v in dict.fromkeys(self.rhs)]

    def _values(self, connection) -> list:
        values = [self.lhs.output_field.get_db_prep_value(v, connection) for v in self.rhs]
        if not values:
            raise EmptyResultSet
        return values

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        values = self._values(connection)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*params, *values)

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        values = self._values(connection)
        # Ids as bigint[]; text for the rest (a varchar(n)[] cast would cut longer values).
        numeric = self.lhs.output_field.rel_db_type(connection) in INTEGERS
        return f"{lhs} = ANY(%s::{'bigint' if numeric else 'text'}[])", (*params, values)


Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)  # a relation reads only the lookups registered on it
