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
short-unknown = no refund, no resend
short-nothing-charged = nothing charged
short-unconfirmed = do not resend
advice-saved = saved, being sent
advice-sent = sent, waiting for the operator
advice-in-progress = in progress: wait
advice-fulfilled = credit delivered
advice-refunded = give the money back to the customer: the top-up failed
advice-unknown = do not refund, do not resend: the outcome is not known yet, it is checked again automatically
advice-refused = refused by OneClickDz: nothing charged; fix it and sell again
advice-unconfirmed = do not resend: checking whether it was sent
advice-not-sent = never reached OneClickDz: nothing charged; sell again
state-lookup = OFFERS
short-lookup = offers lookup: nothing to pay
advice-lookup = an offers lookup, not a sale: nothing was paid and nothing is owed; sell one of its offers

verbatim = { $text }
label = { $label }:

## Counts

count-orders = { PLURAL($n) ->
    [one] { $n } order
   *[other] { $n } orders
}
count-plans = { PLURAL($n) ->
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
cfg-mode-live = API KEY (sandbox or production: OneClickDz says which at start)
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
cfg-log-retention = logs kept
cfg-log-retention-value = { PLURAL($days) ->
    [one] { $days } day
   *[other] { $days } days
}
cfg-timezone = time zone
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
cli-seeded = { PLURAL($n) ->
    [one] added { $n } demo order
   *[other] added { $n } demo orders
}

## Ages

age-just-now = just now
age-minutes = { $n } min
age-hours = { $n } h
age-days = { PLURAL($n) ->
    [one] { $n } day
   *[other] { $n } days
}

## The counter screen

tab-sale = Sale
tab-plans = Plans
tab-history = History
tab-help = Help
tab-language = Language
tab-quit = Quit
tab-refresh = Refresh
tab-offers = Offers
mode-practice = PRACTICE
mode-sandbox = SANDBOX
mode-production = PRODUCTION
mode-live = KEY NOT CHECKED
bar-balance = balance { $amount }
bar-online = online
bar-offline = offline
bar-error = error: { $error }
bar-connecting = connecting
bar-open = { PLURAL($n) ->
    [one] { $n } open
   *[other] { $n } open
}
bar-plans-fresh = plans fresh
bar-plans-age = plans { $age } old
bar-plans-age-unknown = plans age unknown
bar-no-plans = no plans yet
bar-refresh-failed = (refresh failed)
bar-damaged = ⚠ { PLURAL($n) ->
    [one] { $n } unreadable
   *[other] { $n } unreadable
}
bar-twin-till = ⚠ another till has this id
hint-help = { $help } or { $back } closes the help
hint-sale-phone = type or paste the number, { $enter } · { $menu } offers · { $pane } latest orders
hint-sale-plan = { $arrows } choose the plan · digits type the amount · { $enter } next · { $back } back
hint-sale-amount = type the amount · { $enter } to check it · { $back } back to the plans
hint-sale-confirm = check with the customer · { $enter } SENDS · { $back } to change
hint-plans = type to filter · { $arrows } move · { $enter } sells the plan · { $refresh } refresh · { $back } back
hint-history-filter = { $enter } applies the filter · { $back } cancels · { $clear } clears
hint-history = { $moves } move · { $enter } opens · { $filter } filter · { $refresh } refresh · { $back } back
hint-detail = { $arrows } scroll · { $sell } sells a suggested offer · { $back } back to the history
sale-number = Number
sale-amount = Amount
sale-operator-hint = operator: type 05, 06 or 07  { $count }/10
sale-plan-in-force = plan { $code } in force · { $key } new customer
sale-preset = preset
sale-face = Face
sale-collect = COLLECT
sale-cost = cost { $cost }
sale-cost-unknown = cost unknown: price on face value
sale-range = from { $min } to { $max }
sale-at-least = at least { $min }
sale-at-most = at most { $max }
sale-type-amount = type the amount
sale-any-amount = any
kind-dynamic = dynamic
kind-fixed = fixed
kind-getmenu = GETMENU
list-offers-for = Offers for { $phone } (GETMENU)
list-asking = Plans for { $operator } · asking for offers…
list-plans-for = Plans for { $operator }
list-plans = Plans
list-type-number = Type the customer's number: the plans for its operator appear here.
list-not-loaded = Plans are not loaded yet. { $key } to try again.
list-no-plan = No plan for this operator in the plan list.
list-disabled = (disabled)
col-code = code
col-name = name
col-amount-da = amount DA
col-collect = collect
confirm-title = CONFIRM — read the number back to the customer
confirm-plan = Plan
confirm-amount = Amount
confirm-send = SEND
confirm-change = change
hist-all = All orders, newest first
hist-slash-filter = { $key } to filter
hist-slash-change = { $key } to change
filter-label = Filter
hist-title = History · page { $page }
hist-more = more ↓
hist-loading = loading…
hist-empty = no orders yet
hist-no-match = no order matches this filter
col-time = time
col-phone = phone
col-plan = plan
col-amount = amount
col-status = status
col-ref = ref
col-price = price
col-operator = operator
filter-needs-value = '{ $word }' needs a value after the colon
filter-unknown-key = unknown filter '{ $key }:' (use phone:, ref:, status:, day:)
filter-bad-phone = phone '{ $value }': { $error }
filter-bad-status = unknown status '{ $value }': not a status (fulfilled, refunded, unknown, pending…)
filter-key-phone = phone p tel number
filter-key-ref = ref r
filter-key-status = status s
filter-key-day = day d date
detail-none = no order selected
detail-order = Order
detail-ref = Ref
detail-topup-id = Topup id
detail-not-sent-yet = not sent yet
detail-phone = Phone
detail-operator = Operator
detail-plan = Plan
detail-kind = Kind
detail-amount = Amount
detail-price = Price
detail-expected-cost = Expected cost
detail-charged = API charged
detail-created = Created
detail-checks = Checks
detail-checks-value = { $checks } · send attempts { $sends }
detail-status = Status
detail-last-error = Last error
detail-since = since { $time }
detail-no-change = no status change yet
detail-timeline = Timeline
detail-refund-message = Message for the customer
detail-offers-title = Suggested offers — press the number to sell it to this line
plans-other-operator = other ({ $operator })
plans-loaded-age-unknown = plans loaded (age unknown)
plans-none-yet = no plans yet: { $key } to load them
plans-age-old = { $age } old
plans-offline = offline — cache { $age }
plans-from-cache = plans from cache, { $age }
plans-from-api = plans from the API, { $age }
plans-title = Plans ({ $shown } of { $total })
plans-cost-factor = cost ×{ $cost } of the face value
plans-cost-not-given = cost not given: priced on the face value
plans-disabled-now = DISABLED now
plans-costs-sells = { $face } costs { $cost } → sells for
plans-none-loaded = no plans loaded yet: { $key } to load
plans-no-match = no plan matches the filter ({ $key } clears it)
col-kind = kind
col-cost = cost
col-for = for
col-wholesale = wholesale
col-shop-price = shop price

## Notices and toasts

toast-sending = sending { $phone } { $amount } — collect { $price }
toast-sent = sent { $phone } { $amount } — ref { $ref }
toast-not-sent = NOT sent { $phone } { $amount }: { $error }
toast-sent-unrecorded = SENT { $phone } { $amount }, answer not saved ({ $error }) — checking, do not send again
notice-not-sent-retry = not sent: { $error } — check and press { $enter } to try again
toast-settled = { $phone } { $amount }: { $state } — { $advice }
notice-duplicate = the same number and amount were sent { $secs } s ago: { $repeat } sends ANOTHER one ({ $enter } does not), { $back } cancels
notice-no-plan-to-choose = no plan to choose for this number
notice-plans-not-loaded = plans are not loaded yet: { $refresh } to retry
notice-plan-disabled = { $code } is disabled right now: choose another plan
notice-char-does-nothing = '{ $char }' does nothing here: digits type the amount, { $back } edits the number
notice-preset-amount = this plan has a preset amount: press { $enter } to continue
notice-confirm-keys = { $enter } sends, { $back } goes back to change something
notice-offers-need-number = offers need the full number ({ $count }/10 digits)
notice-asking-offers = asking { $operator } which offers { $phone } can take…
toast-offers-failed = offers for { $phone }: { $error }
toast-offers-late = offers for { $phone } arrived after the number changed: { $menu } to ask again
notice-no-offers = no offers for this number: choose a plan from the list
notice-offers-arrived = { PLURAL($n) ->
    [one] { $n } offer for this number: { $enter } picks it, { $back } back to the plans
   *[other] { $n } offers for this number: { $enter } picks one, { $back } back to the plans
}
notice-plan-wrong-line = { $code } cannot be sent to a { $operator } number
notice-plan-chosen = { $code } chosen: type the customer's number
toast-no-such-offer = this order has no suggested offer { $n }
toast-sell-again-only = { $state }: only a NOT_SENT or REFUSED mobile sale of this till is sold again from here
toast-bad-order-number = this order's number cannot be used: { $error }
toast-plans-failed-kept = plans not loaded: { $error } (using the plans already loaded)
toast-plans-failed-none = plans not loaded: { $error } (no plans yet: { $refresh } to retry)
warn-balance-short = balance { $balance } is less than this sale's cost { $cost }: OneClickDz will refuse it
toast-worker-stopped = the background worker stopped: orders cannot be sent; restart the app

## The F1 help (the README's key table is the English column)

help-title = Keys — { $help } or { $back } closes
help-f1 = help: show / hide this list
help-f2 = sale screen / new customer (number, amount, plan)
help-f3 = plan browser: type to filter, { $enter } sells the plan
help-f4 = order history, newest first; { $enter } opens an order
help-f5 = refresh plans, balance and the history page
help-f6 = offers this number can take (GETMENU)
help-language = language: français → العربية → English
help-quit = quit
help-enter = next step, SEND to confirm / back, close, clear
help-digits = the number; on the plan list they go to the amount
help-move = move in the list (the { $help } help too, if it does not fit)
help-home-end = first / last in the list
help-backspace = delete one character / clear the field
help-slash = history: edit the filter line
help-filter-words = filter words
help-filter-words-text = phone:0661 ref:AB12 status:refunded day:yesterday
key-esc = Esc
key-enter = Enter
key-backspace = Backspace
key-page-up = PgUp
key-page-down = PgDn
key-home = Home
key-end = End
key-tab = Tab
key-pair = { $a } { $b }
help-notices = notices: the last 50 messages, with their time
notices-title = Messages — { $key } or { $back } closes
notices-empty = no message yet
hint-notices = { $arrows } scroll · { $key } or { $back } closes the messages
help-offer-n = order detail: sell suggested offer N to that number

## Timeline notes

note-saved-sending = saved; sending
note-sent-again = sent again by staff with the same ref
note-interrupted = found saved with no answer recorded (interrupted send); checking by ref
note-accepted-as = accepted as { $id }
note-found-by-ref = found by ref as { $id }
note-rate-limited = rate limited; send attempt { $n } (same ref)
note-still-rate-limited = still rate limited by OneClickDz after { PLURAL($n) ->
    [one] { $n } attempt
   *[other] { $n } attempts
} (not refused); checking by ref — it can be sent again with the same ref
note-duplicate = the API says this ref was already used: the order exists; checking it by ref
note-not-sent = never reached OneClickDz — nothing charged; start a new order
note-refused = refused: { $why }; nothing was charged
note-connect-failed = could not connect to OneClickDz: nothing was sent, nothing charged
note-not-sent-error = not sent ({ $error }): nothing charged
note-no-clear-answer = no clear answer to the send ({ $error }); checking by ref
note-not-understood = OneClickDz answered status '{ $status }', which it does not document: unknown — asking again later

## Why an amount, a number or a sale is refused

amount-empty = type an amount
amount-not-a-number = '{ $text }' is not a whole number of dinars
amount-too-low = at least { $min } for this plan
amount-too-high = at most { $max } for this plan
amount-no-range = this plan has no amount range
amount-fixed-only = this plan sells { $amount } only: clear the amount or choose a plan with an amount to type
phone-bad-character = '{ $char }' is not allowed in a phone number
phone-no-leading-zero = a mobile number starts with 0
phone-unknown-prefix = no operator uses the prefix { $prefix } (05 Ooredoo, 06 Mobilis, 07 Djezzy)
phone-too-long = too many digits: a mobile number has 10
phone-no-digits = type at least the first digit
phone-too-short = { PLURAL($n) ->
    [one] { $n } of 10 digits
   *[other] { $n } of 10 digits
}
draft-full-number = type the full number ({ $count }/10 digits)
draft-unknown-plan = { $code } is not in the plan list: { $key } to refresh the plans
draft-choose-plan = choose a plan
draft-wrong-operator = { $code } is not for { $operator } numbers
draft-use-menu-key = GETMENU asks for a number's offers: use { $key } on the sale screen
draft-offer-not-whole = this offer's amount is not whole dinars

## flexy-pos config: the terminal id

cfg-terminal = terminal id
cfg-terminal-value = { $id } (from { $source })
cfg-terminal-in-store = (kept in the order store; a till with a key copies it here)

## Damage on disk

cli-damaged-not-listed = orders damaged on disk and not listed: { $count } in { $dir }; nothing was changed. { $hint }
restore-hint = Keep a copy of the folder, move it away, then rebuild the orders from OneClickDz with `flexy-pos sync --since YYYY-MM-DD` (the day of the oldest order you need), or restore a backup

## flexy-pos sync: the audit against OneClickDz's list

cli-audit-progress = audit: page { $page }/{ $pages } · { $checked } checked · { $restored } restored · { $external } external
cli-audit-summary = { $checked } checked over { PLURAL($pages) ->
        [one] 1 page
       *[other] { $pages } pages
    }: { $restored } restored, { $corrected } corrected, { $external } external ({ $new } new), { $unknown } unknown to OneClickDz
cli-audit-conflicts = , { $n } conflicting
cli-audit-not-stored = , { $n } not readable or not stored
cli-audit-stopped-mark = {" "}(stopped early)
cli-audit-since = audit since { $from }: { $summary }
cli-audit-restored = restored
cli-audit-corrected = corrected
cli-audit-was = { $line } (was { $was })
cli-audit-conflict = conflict
cli-audit-unreadable = unreadable
cli-audit-not-in-list = NOT IN ONECLICKDZ'S LIST  { $line }: accepted here but missing from the server's list; do not resend, ask OneClickDz support
cli-audit-stopped-early = the audit stopped early: { $why }

## Orders that are not this till's own sale

origin-restored = restored
origin-external = external
origin-restored-explain = restored from OneClickDz's list after the local record was lost; nothing was sent again
origin-external-explain = made elsewhere on this account (dashboard or another till); read-only, not this till's sale

## A window too small for the screen on show

fit-too-small-sale = Window too small to show the whole sale (number, amount, price to collect). Make it at least { $need } (now { $have }). Nothing is sent until it fits.
fit-too-small-orders = Window too small to show each order's status and amount whole. Make it at least { $need } (now { $have }).
fit-short-sale =
    too small: { $have }
    need { $need }
    nothing is sent
fit-short-orders =
    too small: { $have }
    need { $need }

## Typing and pasting into the sale form

amount-not-a-digit = '{ $char }' is not a digit: amounts are whole dinars
amount-leading-zero = an amount does not start with 0
amount-too-long = that amount is too long
paste-not-an-amount = '{ $text }' is not an amount: whole dinars only
paste-nothing-at-confirm = nothing pasted: { $enter } sends this sale, { $back } goes back to change it
notice-not-sent-too-small = NOT sent: the window was too small to show the whole sale; check it, then { $enter }

## The log file

log-to-stderr = warning: cannot open the log file { $file } ({ $reason }); logging to stderr instead
log-no-file = warning: cannot open the log file { $file } ({ $reason }); running without a log file

## flexy-pos send: why the sale gate refused

cli-bad-phone = phone number: { $error }
cli-no-plan = no plan given (--plan)
cli-unknown-plan = no plan '{ $code }' in the plan list
cli-wrong-operator = plan { $code } is for { $line } lines, but { $phone } is a { $operator } number
cli-refused-plan-disabled = plan { $code } is disabled right now (maintenance or operator trouble)
cli-menu-plan = plan { $code } only asks for a number's offers
cli-offer-not-whole = the offer's amount { $amount } is not whole dinars
cli-amount-for = amount for { $code }: { $error }

## Config errors (never a value from the file or the environment)

cfg-unit-seconds = {" "}(seconds)
cfg-unit-minutes = {" "}(minutes)
cfg-unit-hours = {" "}(hours)
cfg-unit-days = {" "}(days)
cfg-unit-percent = {" "}(percent)
cfg-unit-dinars = {" "}(DA)
cfg-unit-times-sandbox = {" "}(times the real sandbox)
cfg-not-toml = this is not valid TOML ({ $why })
cfg-must-be-section = must be a section: write [{ $name }] on its own line
cfg-must-be-text = must be text in quotes
cfg-url-rule = must be a full https:// address in quotes (plain http:// only for this machine)
cfg-timezone-rule = must be a time zone name in quotes, an IANA name such as "Africa/Algiers"
cfg-day-start-rule = must be a time from "00:00" to "12:00" in quotes, e.g. "04:00" for a shop open past midnight
cfg-terminal-id-rule = must be 1 to 16 characters of a-z and 0-9 in quotes (it starts every ref this till sends)
cfg-data-dir-rule = must be a full path in quotes, such as "/home/shop/flexy-pos" or "~/flexy-pos" (an empty or relative one would put the orders in whatever folder the till is started from)
cfg-must-be-one-of = must be one of { $words }
cfg-must-be-whole = must be a whole number from { $min } to { $max }{ $unit }
cfg-must-be-number = must be a number from { $min } to { $max }{ $unit }
cfg-did-you-mean = is not a setting; did you mean `{ $right }`?
cfg-not-a-setting = is not a setting; the settings are { $settings }
cfg-err-read = cannot read config file { $path }: { $error }
cfg-err-too-big = config file { $path } is { $bytes } bytes, over the 1 MB limit (a config file is a few lines): is it the right file?
cfg-err-setting = config file { $path }, line { $line }: `{ $setting }` { $problem }
cfg-err-hidden-setting = config file { $path }, line { $line }: `(a name that is not shown)` { $problem }
cfg-err-line = config file { $path }, line { $line }: { $problem }
cfg-err-no-data-dir = no data directory: set --data-dir or FLEXY_DATA_DIR
cfg-err-data-dir = the data folder (--data-dir or FLEXY_DATA_DIR) must be a full path, such as /home/shop/flexy-pos or ~/flexy-pos (an empty or relative one would put the orders in whatever folder the till is started from)
cfg-err-data-dir-no-home = the data folder starts with ~, but no home folder is known for this user: give a full path
cfg-err-api-url = the API URL (--api-url or FLEXY_API_URL) must be a full https:// address in quotes (plain http:// only for this machine)
cfg-err-practice-speed = FLEXY_PRACTICE_SPEED must be a number from 0.01 to 100000
cfg-err-lang-env = FLEXY_LANG: must be fr, ar or en
cfg-err-terminal-id = the terminal id (--terminal, FLEXY_TERMINAL or terminal_id) must be 1 to 16 characters of a-z and 0-9 in quotes (it starts every ref this till sends)
cfg-err-record-terminal = cannot put terminal_id into { $path }: edit it by hand (terminal_id = "{ $id }")
cfg-err-write = cannot write { $path }: { $error }
cfg-err-timezone = `timezone` must be a time zone name in quotes, an IANA name such as "Africa/Algiers"

## The order database's errors (the engine's and the system's own words kept as they are)

store-locked = the order database in { $dir } is already in use by another flexy-pos; close the other one first (only one till may use a data folder)
store-io = cannot use { $path }: { $error }
store-damaged = the order database in { $dir } is damaged ({ $detail }); nothing was changed. { $hint }
store-too-new = the order database in { $dir } was written by a newer flexy-pos ({ $found }; this build reads up to { $supported }); nothing was changed, use the newer version
store-migration = upgrading the order database from schema { $from } failed: { $detail }
store-corrupt-record = { $what } { $key } in the database is unreadable: { $detail }
store-duplicate-ref = an order with ref { $ref } already exists; nothing was written
store-duplicate-key = order { $key } already exists; nothing was written
store-not-found = order { $key } is not in the database
store-ref-taken = cannot change the ref of order { $key } to { $ref }: another order has it
store-invalid = cannot store this: { $why }
store-encode = could not encode { $what }: { $detail }
store-db = database error: { $detail }

## The API's errors (server text, codes and request ids kept as they are)

api-refused = refused by the API ({ $code }, HTTP { $status }): { $message }{ $advice }{ $rid }
api-slow-down = OneClickDz asks to slow down ({ $code }, HTTP { $status }): { $message }{ $advice }{ $rid }
api-undocumented = the API answered with an error it does not document ({ $code }, HTTP { $status }): { $message }{ $advice }{ $rid }
api-advice = {" "}— { $advice }
api-advice-ip-not-allowed = this shop's IP address is not on the API key's whitelist: add it in the OneClickDz dashboard, Settings → API Configuration → IP whitelist
api-advice-api-disabled = API access is switched off for this key: switch it on in the OneClickDz dashboard (Settings → API Configuration) or ask OneClickDz support
api-advice-too-large = the request was too large for the API and was not read
api-advice-ip-blocked = too many wrong API keys from this IP: OneClickDz blocks it for 15 minutes
api-no-code = no code
api-failed = API error ({ $code }, HTTP { $status }): { $message }{ $rid }
api-unavailable = OneClickDz is temporarily unavailable ({ $code }, HTTP { $status }): { $message }; asking again later{ $rid }
api-cannot-connect = cannot reach the API
api-timeout = the API did not answer in time
api-broken = the connection to the API broke
api-decode = unreadable answer from the API (HTTP { $status }): { $message }{ $rid }
api-protocol = the API's answer breaks its own rules (HTTP { $status }): { $message }{ $rid }
fault-wrong-page = asked for page { $asked } of the list, got page { $got }
fault-impossible-amount = impossible { $field }: { $amount }; the answer was not used
fault-not-dinars = an amount is not a number of dinars; the answer was not used
fault-success-false = success:false without a documented refusal ({ $code }: { $message }): nothing is concluded
fault-other-ref = the send was answered for the ref { $ref }, not ours; its top-up id was not used
api-redirected = OneClickDz answered HTTP { $status }, a redirect to another address: the till follows none (the key and the order stay with OneClickDz), and nothing is concluded from it
api-unknown-route = the API has no such address (HTTP { $status }, not the API's answer format: { $message }); check the API URL
api-config = configuration error: { $why }
api-key-refused = the API key was refused by OneClickDz ({ $code }); no request uses it until the key is changed or F5 is pressed at the counter

## Orders and the plan list: errors

plans-never-fetched = no plan list yet, and the API did not give one ({ $error }); the plans are downloaded on the first successful connection
plans-cache = plan cache: { $error }
order-invalid = the sale is not valid; nothing was sent
order-store = order database: { $error }
order-not-found = no order with ref { $ref }
order-not-retryable = order { $ref } is { $state }: only NOT_SENT orders can be sent again
order-busy = order { $ref } is being sent right now
order-key-refused = not sent, nothing charged: { $error }
order-sent-unrecorded = { $ref } was SENT, but its answer could not be saved ({ $error }): it is being checked with OneClickDz — do not send it again

## The counter worker's errors

worker-plans-refresh-failed = could not refresh plans ({ $error }); using the cached list
worker-history-failed = order history: { $error }
worker-no-offers = no offers came back for { $phone } ({ $state }); see the order in the history
worker-offers-slow = offers for { $phone } are taking long; the answer will appear in the history
worker-key-refused = API key refused by OneClickDz ({ $code }). Automatic requests are paused so the shop's IP is not blocked (5 bad keys = 15 min block). Fix ONECLICKDZ_API_KEY or api_key in config.toml and restart, or press { $key } to try again.
bar-key-refused = API key refused

## Starting a session

session-emulator = practice emulator: { $error }
till-id-mismatch = this till's order database ({ $dir }) was made by terminal '{ $stored }', but { $given_by } says terminal '{ $given }'. Refs of the other id would not be recognised as this till's. Fix { $given_by } (or remove it to use '{ $stored }')
till-read-stopped = the till could not read its orders for this command; try again

## Start-up failures

cli-no-runtime = cannot start the async runtime: { $error }
cli-terminal-error = terminal error: { $error }

## Timeline notes of the audit

note-restored = restored from OneClickDz's list: the local record was lost; nothing was sent again
note-external = made elsewhere on this account (dashboard or another till), as OneClickDz lists it
note-audit-corrected = corrected by the audit: OneClickDz lists this order as { $listed }; this till had { $had }
note-listed = as OneClickDz lists it
note-twin-till = made by ANOTHER TILL that uses this till's terminal id (a copied config.toml): kept apart as made elsewhere, not counted as this till's sale

## Answers of OneClickDz that contradict the order (never applied)

conflict-mismatch = OneClickDz's answer does not match this order ({ $fields }): it may be about another top-up, so it was not used; ask OneClickDz support if it stays so
conflict-contrary = OneClickDz now says { $said }, but this order is already { $had }, which is final: it was left as it is; ask OneClickDz support which is right
conflict-list = { $first }, { $rest }
conflict-ref = ref { $said } instead of { $had }
conflict-no-ref = no ref instead of { $had }
conflict-id = id { $said } instead of { $had }
conflict-phone = number { $said } instead of { $had }
conflict-plan = plan { $said } instead of { $had }
conflict-product = product { $said } instead of { $had }
conflict-amount = amount { $said } instead of { $had }
conflict-charge = a charge of { $said } for a top-up worth { $worth }

## What the audit found wrong with a listed order

audit-no-operator = { $ref }: neither its number '{ $phone }' nor its plan '{ $code }' names an operator
audit-list-repeats = page { $page } of OneClickDz's list brought no order the earlier pages had not shown (a list repeating its pages): the audit stopped there and reads it again next time
audit-list-too-long = OneClickDz's list claims { $claimed } pages, more than its time window or its own count of orders can fill: the audit stopped after { $pages }
audit-clock-behind = this PC's clock is { $minutes } min behind OneClickDz's: set it right (the audit allows for it)
audit-clock-ahead = this PC's clock is { $minutes } min ahead of OneClickDz's: set it right (the audit allows for it)
audit-twin-till = ANOTHER TILL USES THIS TILL'S ID '{ $terminal }' (a copied config.toml): its orders ({ $n } in this check) are kept apart as made elsewhere, not counted here. Give one of the two tills a new terminal_id in its config.toml (README: "Two tills, one terminal id")

## Requests refused for the till's access (IP whitelist, API switched off)

api-access-latched = OneClickDz refuses this till's requests ({ $code }): { $advice }; no request is sent until F5 is pressed at the counter or the command is run again
api-access-refused = OneClickDz refuses this till's requests ({ $code }): { $advice }
worker-access-refused = { $why }. Automatic requests are paused; press { $key } once it is fixed.
bar-access-refused = API access refused

## Output that cannot be written

cli-output-failed = the output could not be written: { $error }
hint-pane = { $arrows } choose · { $enter } opens the order · { $back } or { $pane } back to the form
hint-regulars = { $arrows } regulars · { $enter } takes the number · { $repeat } repeats the last sale · { $pane } orders
hint-detail-sale = { $arrows } scroll · { $sell } sells a suggested offer · { $back } back to the sale
hint-detail-sell-again = { $arrows } scroll · { $again } sells it again (a new order; nothing was charged) · { $back } back
hint-report-edit = a day (2025-03-01, today, yesterday) or two days · { $enter } shows · { $back } cancels
hint-report = { $pages } day · t today · y yesterday · / a day or range · { $refresh } · { $back } back
sale-regulars = Regulars · { $repeat } repeats
pane-title = Latest orders ({ $key })
pane-give-back = { PLURAL($n) ->
    [one] { $n } REFUNDED today: give back { $sum }
   *[other] { $n } REFUNDED today: give back { $sum }
}
pane-empty = no orders yet
help-books = the books: the day's cash-up; t today, y yesterday
help-repeat = sale: regular's last sale, same again; detail: resell
help-pane = sale: into the latest orders and back
tab-books = Books
help-more = { $first }–{ $last } of { $total }, { $keys } for more
cli-store-damaged = { $error }; nothing was changed. { $hint }
cli-csv-failed = cannot write the CSV: { $error }
books-title = Books
books-all-operators = All
books-orders = Orders
books-fulfilled = Fulfilled
books-face = Face value
books-collected = Cash to collect
books-cost = Cost (charged)
books-margin = Margin
books-margin-rate = Margin rate
books-to-give-back = To give back (REFUNDED)
books-at-risk = At risk: don't refund/resend
books-in-progress = In progress
books-nothing-charged = Refused/not sent: no charge
# The same three when the long label does not fit (at most 20 cells).
books-to-give-back-short = To give back
books-at-risk-short = At risk: no refund
books-nothing-charged-short = Refused/not sent
books-refunds-heading = Give the money back
books-refunds-count = Give the money back: { $n } · { $sum }
books-no-refunds = Nothing to give back.
books-more-refunds = { PLURAL($n) ->
    [one] +{ $n } more refund, not listed
   *[other] +{ $n } more refunds, not listed
}
books-by-hour = Sales by hour 00→{ $last } · best { $best }
books-last-30-days = Last 30 days
books-shares = Operators' shares
books-no-orders = No orders in this period.
books-external = Made elsewhere (not in these totals)
books-lookups = Offers lookups (no sale, nothing owed)
books-columns-hidden = { PLURAL($n) ->
    [one] +{ $n } hidden
   *[other] +{ $n } hidden
}
books-loading = loading…
books-days-from = days from { $time }
books-type-period = a day, or two days for a range
books-header = { $title } { $period }  ({ $days })
books-before = { $last } is before { $first }
books-to-before-from = --to { $last } is before --from { $first }
books-to-needs-from = --to needs --from
books-type-day-or-range = type a day (2025-03-01, today, yesterday) or two days for a range
books-failed = the books: { $error }
books-write-failed = cannot write the report: { $error }
worker-recent-failed = latest orders: { $error }
worker-orders-damaged = { PLURAL($n) ->
    [one] { $n } order in the order database cannot be read and is not shown
   *[other] { $n } orders in the order database cannot be read and are not shown
}; selling goes on. { $hint }
worker-twin-till = Another till uses this till's id '{ $terminal }' (a copied config.toml): its sales are kept apart and not counted here. Give one of the two tills a new terminal_id in its config.toml.
repeat-no-regular = no regular to repeat: type the first digits of a customer's number
repeat-plan-gone = { $plan } is not offered now: choose a plan

## An order's last error, beyond the API's own errors

problem-not-known-yet = OneClickDz does not know this ref yet ({ $secs } s after sending); still checking

## Days: the shop day's words (typed in any of the languages), a day that cannot be read

day-today = today
day-yesterday = yesterday
day-bad = '{ $word }' is not a day: give today, yesterday, YYYY-MM-DD or DD/MM/YYYY
day-none-before = no day before today
sync-since-future = --since { $day } is after today: the audit reads what OneClickDz has already done (give today or an earlier day)

## Why the API refused a request (inside a refusal note)

refusal-invalid-field = invalid { $field }
refusal-invalid = invalid request
refusal-balance-needs = balance too low: needs { $required }, has { $available }
refusal-balance = balance too low
refusal-duplicate-ref = reference already used
refusal-not-found = not found
refusal-missing-token = no API key sent
refusal-invalid-token-left = API key refused ({ PLURAL($n) ->
        [one] { $n } attempt left
       *[other] { $n } attempts left
    })
refusal-invalid-token = API key refused
refusal-ip-blocked = this IP is blocked by the API
refusal-ip-not-allowed = this IP is not on the key's whitelist
refusal-api-disabled = API access is disabled
refusal-too-large = request too large
refusal-rate-limited = too many requests
refusal-other = an error the API does not document

## Idoom internet top-ups and operator health

line-wrong-start = a { $product } number is written { $pattern }
line-too-long = too many digits: a { $product } number has { $n }
line-too-short = { PLURAL($typed) ->
    [one] { $typed } of { $n } digits
   *[other] { $typed } of { $n } digits
}
state-queued = QUEUED
short-queued = wait 12–48 h, no resend
advice-queued = queued at Algérie Télécom: delivered within 12 to 48 hours; do not refund, do not resend: it is checked again automatically
proof-card-code = recharge code
proof-num-trans = transaction no.
proof-date = processed on
internet-no-such-value = no { $product } top-up of { $value }; on sale: { $offered }
internet-value-unavailable = { $product } { $value } is not on sale right now
cli-bad-line = { $product } number: { $error }
audit-no-internet-type = { $ref }: its type '{ $type }' is neither ADSL nor 4G
cli-internet-header = { $product } from the { $source }, fetched { $age } ago
cli-internet-row = { $value }   cost { $cost }   price { $price }
cli-not-on-sale = (not on sale)
cli-line-ok = { $product } { $number }: OneClickDz can top up this line
cli-line-offer = offer
cli-line-subscriber = subscriber
cli-line-refused = { $product } { $number }: OneClickDz cannot top up this line: { $error }
cli-line-unclear = the line could not be checked: { $error }
help-product = sale: mobile → Idoom ADSL → Idoom 4G
sale-line-number = { $product } number
line-checking = checking the line with OneClickDz…
line-found = line OK
line-found-offer = line OK — offer { $offer }
line-refused-notice = OneClickDz cannot top up this line: { $error }
line-unclear-notice = the line could not be checked ({ $error }); you can still sell
notice-line-being-checked = wait: the line is being checked
list-values-for = { $product } values
list-values-not-loaded = The { $product } values are not loaded yet. { $key } to try again.
list-not-on-sale = (not on sale)
notice-pick-value = choose a value in the list, then { $enter }
notice-mobile-only = { $key }: for mobile numbers only
confirm-product = Product
confirm-offer = Line offer
proof-title = DELIVERED — give the customer this code
proof-dismiss = { $enter } or { $back }: done
operator-down = ⚠ { $operator } is down at OneClickDz
notice-operator-down = { $operator } is down at OneClickDz: { $enter } again sends anyway, { $back } cancels
product-mobile = mobile
sale-product-switch = product ({ $key }):
hint-internet-phone = type or paste the line's number, { $enter } · { $product } product · { $pane } latest orders
hint-internet-value = { $arrows } choose the value · { $enter } next · { $back } back

## Receipts and the printer.
receipt-title = Top-up receipt
receipt-copy = COPY { $time }
receipt-date = Date
receipt-operator = Operator
receipt-number = Number
receipt-plan = Plan
receipt-amount = Amount
receipt-price = Paid
receipt-status = Status
receipt-ref = Ref
receipt-topup-id = OneClickDz id
receipt-give-back = Refunded: { $sum } given back to the customer
receipt-day-title = Close of day
receipt-printed-at = Printed
receipt-not-found = no order has the ref { $ref }
receipt-bad-printer-flag = --printer takes file:PATH or tcp:HOST:PORT
receipt-printed = slip of { $ref } printed on { $printer } (print no. { $count })
receipt-day-printed = close of day { $period } printed on { $printer }
print-no-printer = no printer configured ([printer] kind in config.toml): nothing printed
print-timeout = the printer did not answer within { $secs } s (off, out of paper?): the slip can be printed later
print-unreachable = the printer cannot be reached ({ $error }): the slip can be printed later
print-write-failed = printing failed ({ $error }): the slip can be printed later
print-not-counted = printed, but the print count could not be kept: { $error }
cfg-err-printer = [printer] kind names a printer but address does not say where it is (HOST or HOST:PORT for network, the device or file path otherwise)
cfg-printer = printer
cfg-printer-none = none (nothing is printed)
cfg-printer-value = { $target }, { $width } mm ({ $columns } characters), tables { $arabic }/{ $latin }, timeout { $secs } s, { $auto }
cfg-printer-auto = prints every FULFILLED sale
cfg-printer-on-key = prints on the key
cfg-shop = shop
help-print = print the slip on screen (again: COPY) / preview it
toast-slip-printed = slip of { $ref } printed (print no. { $count })
toast-books-printed = close of day printed
toast-nothing-to-print = no order on screen to print
preview-title = Slip preview
preview-hint = { $print } print · { $back } close
# The till's command channel: a command asks the till (the counter screen) that holds the store.
till-no-answer = no till answers on { $endpoint }: { $error }
till-lost = the till stopped before it answered ({ $error })
till-lost-open = { $error }: { $what }
till-lost-sale = the sale to { $phone } may have been written and sent: do NOT sell it again. Look it up with `flexy-pos orders --phone { $phone }`; the till follows it when it opens again (or run `flexy-pos sync`)
till-garbled = the till's answer cannot be read ({ $error }): run the same version of flexy-pos as the till
till-version = the till running on this data folder is flexy-pos { $version } (command protocol { $theirs }) and this is flexy-pos { $mine } (protocol { $ours }): they cannot work together. Close the till and open it with this version (or run the till's version)
till-too-large = the till refused the request: longer than { $limit } bytes
till-malformed = the till refused the request: it is not a request it understands
till-busy = the till is busy (closing, or serving many commands at once): try again in a moment
status-no-till = no till is running on { $dir }
status-running = { $what } is running on { $dir } since { $since } ({ $age }): { $mode } mode, terminal { $terminal }, process { $pid }, flexy-pos { $version }
status-counter = the counter screen
status-command = a command
