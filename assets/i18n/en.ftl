# flexy-pos — English. Every message id is in fr.ftl and ar.ftl too, with the same placeables.
# Numbers, phone numbers, amounts, plan codes and refs are placeables: they stay as they are.

## Order states: the word (a status the API or the till gives), a few words for a table row,
## and what to do. REFUNDED is the only state that means "give the money back".

state-saved = SAVED
state-sent = SENT
state-pending = PENDING
state-handling = HANDLING
state-fulfilled = FULFILLED
state-refunded = REFUNDED
state-unknown = UNKNOWN_ERROR
state-refused = REFUSED
state-unconfirmed = UNCONFIRMED
state-not-sent = NOT_SENT
short-saved = sending
short-in-progress = in progress
short-fulfilled = delivered
short-refunded = give the money back
short-unknown = do not refund, do not resend
short-nothing-charged = nothing charged
short-unconfirmed = do not resend
advice-saved = saved, being sent
advice-sent = sent, waiting for the operator
advice-in-progress = in progress: wait
advice-fulfilled = credit delivered
advice-refunded = failed: give the money back to the customer
advice-unknown = outcome not known yet: do not refund, do not resend; it is checked again automatically
advice-refused = refused by OneClickDz: nothing charged; fix it and sell again
advice-unconfirmed = checking whether it was sent: do not resend
advice-not-sent = never reached OneClickDz: nothing charged; sell again

label = { $label }:

## Counts

count-orders = { $n ->
    [one] { $n } order
   *[other] { $n } orders
}
count-plans = { $n ->
    [one] { $n } plan
   *[other] { $n } plans
}

## flexy-pos config

cfg-file = config file
cfg-file-absent = (not present: defaults used)
cfg-none = (none)
cfg-data-dir = data dir
cfg-store = order store
cfg-mode = mode
cfg-mode-practice = PRACTICE (no API key: built-in sandbox emulator)
cfg-mode-live = LIVE
cfg-practice = practice
cfg-practice-value = speed x{ $speed }, starting balance { $balance }
cfg-practice-state = practice state
cfg-api-url = API URL
cfg-api-key = API key
cfg-poll = poll interval
cfg-poll-value = { $secs } s
cfg-recheck = UNKNOWN_ERROR recheck
cfg-recheck-value = { $minutes } min
cfg-plans-age = plans max age
cfg-plans-age-value = { $hours } h
cfg-pricing = pricing
cfg-pricing-value = +{ $percent }% rounded up to { $round }
cfg-language = language
cfg-language-value = { $code } ({ $name }), from { $source }
cfg-lang-source-flag = --lang
cfg-lang-source-env = FLEXY_LANG
cfg-lang-source-file = config.toml
cfg-lang-source-locale = the system locale ({ $var })
cfg-lang-source-default = the default
cfg-lang-remembered = the counter screen uses the language last chosen with its key, unless --lang or FLEXY_LANG is given

## flexy-pos orders, send, sync, plans

cli-charged = charged { $amount }
cli-charge-unknown = charge unknown
cli-message = message
cli-offer = offer
cli-last-error = last error
cli-advice = what to do
cli-no-orders = no orders match
cli-skipped-damaged = skipped an unreadable order: { $detail }
cli-nothing-sent = { $reason }; nothing was sent
cli-sync-summary = sync: { $open } open at start, { $checks } checks, { $settled } settled, { $still } still open
cli-sync-settled = settled
cli-sync-open = open
cli-sync-error = error
cli-plans-header = { $count } from the { $source }, fetched { $age } ago
cli-plans-from-cache = cache
cli-plans-from-api = API
cli-plan-disabled = (disabled)
cli-plans-refresh-failed = refresh failed, the list above is the cache: { $error }
cli-plans-using-cache = warning: could not refresh the plans ({ $error }); using the cache
cli-seeded = added { $n } demo orders
cli-bad-phone-filter = --phone '{ $phone }': give the digits of a number (0XXXXXXXXX or its beginning)
cli-bad-status-filter = --status '{ $status }' is not a status; use one of: { $choices }
cli-bad-day-filter = --day '{ $day }' is not a date like 2025-03-01

## Ages

age-just-now = just now
age-minutes = { $n } min
age-hours = { $n } h
age-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
