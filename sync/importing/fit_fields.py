"""The fields runlift reads from a FIT file's kept messages, decoded as fitparse decodes them.

fitparse reads a field byte by byte through several layers of objects; here each definition is
compiled once into one ``struct`` format and a converter per field read, built from fitparse's
own profile (names, enum values, scale, offset) and following its rules: invalid values by the
definition's base type, enum names for single values only, ``scale``/``offset`` as floats,
``date_time`` values from 0x10000000 up as naive UTC datetimes. The result is the dictionary
``DataMessage.get_values()`` gives, restricted to the fields asked for.

Where fitparse could answer differently than these rules say (a field fitparse expands from
components or subfields into a name read here, developer fields, an architecture byte other
than 0 or 1, a field of size 0, a conversion that fails, developer data fitparse refuses), the
decoder raises ``NeedsReference`` and the caller decodes with fitparse itself.
"""

from __future__ import annotations

import struct
import warnings
from collections.abc import Callable, Collection, Mapping
from datetime import UTC, datetime, time
from operator import itemgetter
from typing import Any, NamedTuple

from runlift.sync.importing.fit_probe import DEVELOPER_MESGS, Walk

# What fitparse's FitFileDataProcessor does by field type; these four are emulated below, and a
# fitparse with other processors sends every file to the reference decoder.
_PROCESSED_TYPES = frozenset({"bool", "date_time", "local_date_time", "localtime_into_day"})
# Base types whose single value a date_time conversion always accepts (at most 0xFFFFFFFF).
_SMALL_UNSIGNED = frozenset({"enum", "uint8", "uint16", "uint32", "uint8z", "uint16z", "uint32z"})
_PLAN_CACHE_LIMIT = 4096
_MEMORY_LIMIT = 1024
_FLOATS = frozenset({"float32", "float64"})
_INTEGERS = frozenset(
    {"enum", "sint8", "uint8", "sint16", "uint16", "sint32", "uint32", "uint8z", "uint16z"}
    | {"uint32z", "sint64", "uint64", "uint64z"}
)


class NeedsReference(Exception):
    """This file's kept messages are not ones the fast decoder answers for: use fitparse."""


Converter = Callable[[Any], Any]


class _Plan(NamedTuple):
    name: str
    layout: struct.Struct
    # (name, its raw value out of the unpacked tuple, converter), in definition order: a later
    # field of the same name wins, as in fitparse's get_values().
    fields: tuple[tuple[str, Callable[[tuple[Any, ...]], Any], Converter], ...]


def decode(walk: Walk, read: Mapping[str, Collection[str]]) -> dict[str, list[dict[str, Any]]]:
    """For each message kind in ``read``, the values of its fields named there, per message.

    Raises NeedsReference when fitparse might decode these messages otherwise.
    """
    if walk.compressed_timestamps:
        raise NeedsReference("compressed timestamps")
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in read}
    asked = tuple((name, tuple(fields)) for name, fields in read.items())
    data = walk.data
    plans: dict[int, _Plan | None] = {}
    developer_records = []
    for index, (start, end, definition_index) in enumerate(walk.kept):
        if definition_index < 0:
            definition = data[start:end]
            if _global_number(definition) in DEVELOPER_MESGS:
                developer_records.append(index)
                plans[index] = None
                continue
            plan = _compiled(definition, read, asked)
            if plan is None:
                raise NeedsReference("a definition fitparse may read otherwise")
            plans[index] = plan
            continue
        plan = plans[definition_index]
        if plan is None:  # developer data
            developer_records.append(index)
            continue
        values = plan.layout.unpack_from(data, start + 1)
        try:
            message = {name: convert(get(values)) for name, get, convert in plan.fields}
        except Exception as exc:  # what fitparse would raise too, in its own words
            raise NeedsReference(f"{type(exc).__name__} converting {plan.name}") from exc
        found[plan.name].append(message)
    if developer_records:
        _check_developer_data(walk, developer_records)
    return found


def _global_number(definition: bytes) -> int:
    return int.from_bytes(definition[3:5], "big" if definition[2] == 1 else "little")


def _check_developer_data(walk: Walk, records: list[int]) -> None:
    """fitparse registers developer data messages as it meets them and refuses some (an
    unknown base type, a missing index): the same refusal sends the file to it."""
    from fitparse import FitFile

    try:
        with warnings.catch_warnings():  # fitparse warns on odd field sizes, many lines each
            warnings.simplefilter("ignore")
            for _ in FitFile(walk.small_stream(set(records))).get_messages():
                pass
    except Exception as exc:
        raise NeedsReference("developer data fitparse refuses") from exc


# Plans by definition (its header's developer flag, then its bytes past the header) and fields
# asked for: a watch writes the same few definitions in every file.
_cache: dict[tuple[bytes, tuple[tuple[str, tuple[str, ...]], ...]], _Plan | None] = {}


def _compiled(
    definition: bytes,
    read: Mapping[str, Collection[str]],
    asked: tuple[tuple[str, tuple[str, ...]], ...],
) -> _Plan | None:
    key = (bytes([definition[0] & 0x20]) + definition[1:], asked)
    if key not in _cache:
        if len(_cache) >= _PLAN_CACHE_LIMIT:
            _cache.clear()
        _cache[key] = _plan(definition, read)
    return _cache[key]


def _plan(definition: bytes, read: Mapping[str, Collection[str]]) -> _Plan | None:
    """How to read one definition's data messages, or None when fitparse must."""
    from fitparse.profile import MESSAGE_TYPES
    from fitparse.records import BASE_TYPE_BYTE, BASE_TYPES

    header, architecture = definition[0], definition[2]
    if header & 0x20 or architecture not in (0, 1) or not _processors_known():
        return None
    endian = ">" if architecture else "<"
    mesg_type = MESSAGE_TYPES.get(_global_number(definition))
    if mesg_type is None or mesg_type.name not in read:
        return None
    wanted = read[mesg_type.name]
    formats = []
    fields = []
    position = 0
    for at in range(6, 6 + 3 * definition[5], 3):
        number, size, base_number = definition[at : at + 3]
        base = BASE_TYPES.get(base_number, BASE_TYPE_BYTE)
        if size == 0:
            return None
        field = mesg_type.fields.get(number)
        if size % base.size:
            if field is None:  # fitparse fails naming it in its warning
                return None
            base = BASE_TYPE_BYTE
        count = size // base.size
        is_string = base.name == "string"
        formats.append(f"{size}s" if is_string else f"{count}{base.fmt}")
        items = 1 if is_string else count
        # fitparse hands a byte field over as a tuple, numbers as a tuple when several.
        tuple_value = base.name == "byte" or items > 1
        if field is not None:
            if not _plain(field, mesg_type, wanted):
                return None
            # fitparse splits a field into its components with integer arithmetic: on several
            # numbers (one may be None), a float or a string it can fail.
            whole = base.name == "byte" or (base.name in _INTEGERS and not tuple_value)
            if field.components and not whole:
                return None
            type_name = getattr(field.type, "name", None)
            # A value dropped here that fitparse converts by type: the conversion must not fail.
            dropped = type_name in _PROCESSED_TYPES and field.name not in wanted
            if dropped and (tuple_value or base.name not in _SMALL_UNSIGNED):
                return None
            if field.name in wanted:
                convert = _converter(field, base, tuple_value, type_name)
                get = itemgetter(slice(position, position + items) if tuple_value else position)
                fields.append((field.name, get, convert))
        position += items
    layout = struct.Struct(endian + "".join(formats))
    return _Plan(mesg_type.name, layout, tuple(fields))


def _plain(field: Any, mesg_type: Any, wanted: Collection[str]) -> bool:
    """The field reads as itself: no subfield or component of it yields a name read here, or a
    value fitparse converts by type (which could fail)."""
    for sub in field.subfields or ():
        sub_type = getattr(sub.type, "name", None)
        if sub.name in wanted or sub.components or sub_type in _PROCESSED_TYPES:
            return False
    if field.subfields and field.name in wanted:
        return False
    for component in field.components or ():
        target = mesg_type.fields.get(component.def_num)
        if (
            target is None
            or target.subfields
            or target.name in wanted
            or getattr(target.type, "name", None) in _PROCESSED_TYPES
        ):
            return False
    return True


def _converter(field: Any, base: Any, tuple_value: bool, type_name: str | None) -> Converter:
    """fitparse's steps for one field: parse (invalid -> None), enum name, scale and offset,
    then its type's processor."""
    parse = base.parse
    values = field.type.values or {}
    scale, offset = field.scale, field.offset
    process = _PROCESSORS.get(type_name or "")

    def scaled(value: Any) -> Any:
        if isinstance(value, (int, float)):
            if scale:
                value = float(value) / scale
            if offset:
                value = value - offset
        return value

    if tuple_value:
        per_item = base.name != "byte"

        def convert_tuple(raw: Any) -> Any:
            value = tuple(parse(item) for item in raw) if per_item else parse(raw)
            if isinstance(value, tuple):  # never an enum name: fitparse looks tuples up whole
                value = tuple(scaled(item) for item in value)
            return process(value) if process is not None else value

        return convert_tuple if base.name in _FLOATS else _remembered(convert_tuple)

    def convert(raw: Any) -> Any:
        value = parse(raw)
        if value is None:  # no step below changes None
            return None
        if value in values:
            value = values[value]
        if scale or offset:
            value = scaled(value)
        return process(value) if process is not None else value

    return convert if base.name in _FLOATS else _remembered(convert)


def _remembered(convert: Converter) -> Converter:
    """``convert`` answering again from memory for a raw value met before (set messages repeat
    their timestamps, categories and units); its values are immutable. Not for floats: 0.0 and
    -0.0 are one key."""
    memory: dict[Any, Any] = {}

    def remembered(raw: Any) -> Any:
        try:
            return memory[raw]
        except KeyError:
            if len(memory) >= _MEMORY_LIMIT:
                memory.clear()
            value = memory[raw] = convert(raw)
            return value

    return remembered


def _date_time(value: Any) -> Any:
    if value is not None and value >= 0x10000000:
        return datetime.fromtimestamp(_UTC_REFERENCE + value, tz=UTC).replace(tzinfo=None)
    return value


def _local_date_time(value: Any) -> Any:
    if value is not None:
        return datetime.fromtimestamp(_UTC_REFERENCE + value, tz=UTC).replace(tzinfo=None)
    return value


def _bool(value: Any) -> Any:
    return bool(value) if value is not None else value


def _localtime_into_day(value: Any) -> Any:
    if value is None:
        return value
    if value >= 86400:
        return time.max
    minutes, seconds = divmod(value, 60)
    hours, minutes = divmod(minutes, 60)
    return time(hours, minutes, seconds)


# fitparse.processors.UTC_REFERENCE: FIT times count seconds from 1989-12-31 00:00 UTC.
_UTC_REFERENCE = 631065600
_PROCESSORS: dict[str, Converter] = {
    "date_time": _date_time,
    "local_date_time": _local_date_time,
    "bool": _bool,
    "localtime_into_day": _localtime_into_day,
}
_known: list[bool] = []


def _processors_known() -> bool:
    """fitparse converts by type exactly the four types emulated here, and by nothing else."""
    if not _known:
        from fitparse.processors import UTC_REFERENCE, FitFileDataProcessor

        names = {name for name in dir(FitFileDataProcessor) if name.startswith("process_")}
        _known.append(
            UTC_REFERENCE == _UTC_REFERENCE
            and names == {f"process_type_{kind}" for kind in _PROCESSED_TYPES}
        )
    return _known[0]
