"""Human-readable rendering of event records for terminals (`event-worker show`, `make run`)."""

from __future__ import annotations

from schemas import EventRecord, Quantity


def _quantity(quantity: Quantity) -> str:
    prefix = {"exact": "", "about": "~", "at_least": "≥", "at_most": "≤", "more_than": ">", "less_than": "<"}
    if quantity.value is not None:
        number = f"{quantity.value:,}"
    else:
        number = f"{quantity.min:,}–{quantity.max:,}" if quantity.max is not None else f"{quantity.min:,}"
    return prefix[quantity.approx] + number


def render_event(event: EventRecord, index: int) -> str:
    lines = [
        f"#{index} {event.event_type}  [{event.language}] article={event.article_id} id={event.event_id}"
    ]
    if event.actors:
        actors = ", ".join(
            f"{actor.role}={actor.name}{f' ({actor.country})' if actor.country else ''}"
            for actor in event.actors
        )
        lines.append(f"   actors:    {actors}")
    if event.counts:
        counts = ", ".join(
            f"{name}={_quantity(quantity)}"
            for name, quantity in event.counts
            if isinstance(quantity, Quantity)
        )
        lines.append(f"   counts:    {counts}{'  (running total)' if event.cumulative else ''}")
    if event.money:
        lines.append(f"   money:     {_quantity(event.money.amount)} {event.money.currency}")
    if event.location:
        lines.append(f"   location:  {event.location.name} ({event.location.country or '?'})")
    if event.time:
        span = (
            event.time.start
            if event.time.start == event.time.end
            else f"{event.time.start} .. {event.time.end}"
        )
        lines.append(f"   time:      {span} ({event.time.precision})")
    if event.claimant:
        lines.append(f"   claimant:  {event.claimant.name}  modality={event.modality}")
    if event.name:
        lines.append(f"   name:      {event.name}")
    lines.append(f"   evidence:  {event.evidence.sentence.strip()[:160]}")
    lines.append(f"   confidence {event.confidence:.2f}")
    return "\n".join(lines)
