# flexy-pos — français (Algérie). Les mêmes identifiants et placeables que en.ftl.
# Les numéros, montants, codes de forfait et références restent tels quels.

## États d'une commande : le mot, quelques mots pour le tableau, et ce qu'il faut faire.
## REMBOURSÉ est le seul état où l'on rend l'argent au client.

state-saved = ENREGISTRÉ
state-sent = ENVOYÉ
state-pending = EN ATTENTE
state-handling = EN COURS
state-fulfilled = RÉUSSI
state-refunded = REMBOURSÉ
state-unknown = INCONNU
state-refused = REFUSÉ
state-unconfirmed = NON CONFIRMÉ
state-not-sent = NON ENVOYÉ
short-saved = envoi en cours
short-in-progress = en cours
short-fulfilled = flexy passé
short-refunded = rendez l'argent
short-unknown = ni rembourser ni renvoyer
short-nothing-charged = rien n'a été débité
short-unconfirmed = ne renvoyez pas
advice-saved = enregistré, envoi en cours
advice-sent = envoyé, en attente de l'opérateur
advice-in-progress = en cours : patientez
advice-fulfilled = recharge effectuée
advice-refunded = rendez l'argent au client : la recharge a échoué
advice-unknown = ne remboursez pas, ne renvoyez pas : résultat pas encore connu, revérifié automatiquement
advice-refused = refusé par OneClickDz : rien n'a été débité ; corrigez et revendez
advice-unconfirmed = ne renvoyez pas : on vérifie s'il est parti
advice-not-sent = jamais arrivé chez OneClickDz : rien n'a été débité ; revendez
state-lookup = OFFRES
short-lookup = consultation : rien à payer
advice-lookup = consultation des offres, pas une vente : rien n'a été payé, rien n'est dû ; vendez une de ses offres

verbatim = { $text }
label = { $label } :

## Nombres

count-orders = { PLURAL($n) ->
    [one] { $n } commande
   *[other] { $n } commandes
}
count-plans = { PLURAL($n) ->
    [one] { $n } offre
   *[other] { $n } offres
}

## flexy-pos config

cfg-file = fichier de config
cfg-file-absent = (absent : valeurs par défaut)
cfg-none = (aucun)
cfg-data-dir = dossier de données
cfg-store = base des commandes
cfg-mode = mode
cfg-mode-practice = ENTRAÎNEMENT (pas de clé API : émulateur sandbox intégré)
cfg-mode-live = CLÉ API (sandbox ou production : OneClickDz le dit au démarrage)
cfg-practice = entraînement
cfg-practice-value = vitesse x{ $speed }, solde de départ { $balance }
cfg-practice-state = état de l'entraînement
cfg-api-url = URL de l'API
cfg-api-key = clé API
cfg-poll = intervalle de suivi
cfg-poll-value = { $secs } s
cfg-recheck = revérification INCONNU
cfg-recheck-value = { $minutes } min
cfg-plans-age = âge max des offres
cfg-plans-age-value = { $hours } h
cfg-log-retention = journaux gardés
cfg-log-retention-value = { PLURAL($days) ->
    [one] { $days } jour
   *[other] { $days } jours
}
cfg-timezone = fuseau horaire
cfg-pricing = prix
cfg-pricing-value = +{ $percent } % arrondi au-dessus à { $round }
cfg-language = langue
cfg-language-value = { $code } ({ $name }), d'après { $source }
cfg-lang-source-flag = --lang
cfg-lang-source-env = FLEXY_LANG
cfg-lang-source-file = config.toml
cfg-lang-source-locale = la langue du système ({ $var })
cfg-lang-source-default = le choix par défaut
cfg-lang-remembered = l'écran de caisse garde la langue choisie en dernier avec sa touche, sauf si --lang ou FLEXY_LANG est donné

## flexy-pos orders, send, sync, plans

cli-charged = débité { $amount }
cli-charge-unknown = débit inconnu
cli-message = message
cli-offer = offre
cli-last-error = dernière erreur
cli-advice = à faire
cli-no-orders = aucune commande ne correspond
cli-skipped-damaged = commande illisible ignorée : { $detail }
cli-nothing-sent = { $reason } ; rien n'a été envoyé
cli-sync-summary = synchro — ouvertes au départ : { $open } · vérifications : { $checks } · réglées : { $settled } · encore ouvertes : { $still }
cli-sync-settled = réglée
cli-sync-open = ouverte
cli-sync-error = erreur
cli-plans-header = { $count } ({ $source }), récupérées il y a { $age }
cli-plans-from-cache = cache
cli-plans-from-api = API
cli-plan-disabled = (désactivée)
cli-plans-refresh-failed = échec de la mise à jour, la liste ci-dessus vient du cache : { $error }
cli-plans-using-cache = attention : mise à jour des offres impossible ({ $error }) ; on utilise le cache
cli-seeded = { PLURAL($n) ->
    [one] { $n } commande de démo ajoutée
   *[other] { $n } commandes de démo ajoutées
}

## Âges

age-just-now = à l'instant
age-minutes = { $n } min
age-hours = { $n } h
age-days = { PLURAL($n) ->
    [one] { $n } jour
   *[other] { $n } jours
}

## L'écran de caisse

tab-sale = Vente
tab-plans = Tarifs
tab-history = Historique
tab-help = Aide
tab-language = Langue
tab-quit = Quitter
tab-refresh = Actualiser
tab-offers = Offres du n°
mode-practice = ENTRAÎNEMENT
mode-sandbox = SANDBOX
mode-production = PRODUCTION
mode-live = CLÉ NON VÉRIFIÉE
bar-balance = solde { $amount }
bar-online = en ligne
bar-offline = hors ligne
bar-error = erreur : { $error }
bar-connecting = connexion…
bar-open = { PLURAL($n) ->
    [one] { $n } en cours
   *[other] { $n } en cours
}
bar-plans-fresh = tarifs à jour
bar-plans-age = tarifs d'il y a { $age }
bar-plans-age-unknown = âge des tarifs inconnu
bar-no-plans = pas encore de tarifs
bar-refresh-failed = (mise à jour échouée)
bar-damaged = ⚠ { PLURAL($n) ->
    [one] { $n } illisible
   *[other] { $n } illisibles
}
bar-twin-till = ⚠ une autre caisse a cet identifiant
hint-help = { $help } ou { $back } ferme l'aide
hint-sale-phone = tapez ou collez le numéro, { $enter } · { $menu } offres · { $pane } dernières ventes
hint-sale-plan = { $arrows } choisir l'offre · chiffres = montant · { $enter } suite · { $back } retour
hint-sale-amount = tapez le montant · { $enter } pour vérifier · { $back } retour aux offres
hint-sale-confirm = vérifiez avec le client · { $enter } ENVOIE · { $back } pour changer
hint-plans = tapez pour filtrer · { $arrows } bouger · { $enter } vend l'offre · { $refresh } actualiser · { $back } retour
hint-history-filter = { $enter } applique le filtre · { $back } annule · { $clear } efface
hint-history = { $moves } bouger · { $enter } ouvre · { $filter } filtrer · { $refresh } actualiser · { $back } retour
hint-detail = { $arrows } défiler · { $sell } vend une offre proposée · { $back } retour à l'historique
sale-number = Numéro
sale-amount = Montant
sale-operator-hint = opérateur : tapez 05, 06 ou 07  { $count }/10
sale-plan-in-force = offre { $code } en cours · { $key } nouveau client
sale-preset = fixe
sale-face = Recharge
sale-collect = À ENCAISSER
sale-cost = coût { $cost }
sale-cost-unknown = coût inconnu : prix sur la recharge
sale-range = de { $min } à { $max }
sale-at-least = au moins { $min }
sale-at-most = au plus { $max }
sale-type-amount = tapez le montant
sale-any-amount = libre
kind-dynamic = libre
kind-fixed = fixe
kind-getmenu = GETMENU
list-offers-for = Offres pour { $phone } (GETMENU)
list-asking = Offres { $operator } · demande des offres…
list-plans-for = Offres { $operator }
list-plans = Offres
list-type-number = Tapez le numéro du client : les offres de son opérateur s'affichent ici.
list-not-loaded = Les offres ne sont pas encore chargées. { $key } pour réessayer.
list-no-plan = Aucune offre pour cet opérateur dans la liste.
list-disabled = (désactivée)
col-code = code
col-name = nom
col-amount-da = montant DA
col-collect = encaisser
confirm-title = CONFIRMER — relisez le numéro au client
confirm-plan = Offre
confirm-amount = Montant
confirm-send = ENVOYER
confirm-change = modifier
hist-all = Toutes les commandes, les plus récentes d'abord
hist-slash-filter = { $key } pour filtrer
hist-slash-change = { $key } pour changer
filter-label = Filtre
hist-title = Historique · page { $page }
hist-more = suite ↓
hist-loading = chargement…
hist-empty = pas encore de commande
hist-no-match = aucune commande ne correspond à ce filtre
col-time = heure
col-phone = numéro
col-plan = offre
col-amount = montant
col-status = état
col-ref = réf
col-price = prix
col-operator = opérateur
filter-needs-value = '{ $word }' : il faut une valeur après les deux-points
filter-unknown-key = filtre '{ $key }:' inconnu (utilisez tél:, réf:, statut:, jour:)
filter-bad-phone = numéro '{ $value }' : { $error }
filter-bad-status = '{ $value }' n'est pas un état (réussi, remboursé, inconnu, en attente…)
filter-key-phone = tél tel téléphone numéro num
filter-key-ref = réf
filter-key-status = statut état
filter-key-day = jour date
detail-none = aucune commande choisie
detail-order = Commande
detail-ref = Réf
detail-topup-id = N° de recharge
detail-not-sent-yet = pas encore envoyée
detail-phone = Numéro
detail-operator = Opérateur
detail-plan = Offre
detail-kind = Type
detail-amount = Montant
detail-price = Prix
detail-expected-cost = Coût prévu
detail-charged = Débité (API)
detail-created = Créée
detail-checks = Vérifications
detail-checks-value = { $checks } · envois { $sends }
detail-status = État
detail-last-error = Dernière erreur
detail-since = depuis { $time }
detail-no-change = pas encore de changement d'état
detail-timeline = Chronologie
detail-refund-message = Message pour le client
detail-offers-title = Offres proposées — tapez le chiffre pour la vendre à ce numéro
plans-other-operator = autre ({ $operator })
plans-loaded-age-unknown = tarifs chargés (âge inconnu)
plans-none-yet = pas encore de tarifs : { $key } pour les charger
plans-age-old = d'il y a { $age }
plans-offline = hors ligne — cache { $age }
plans-from-cache = tarifs du cache, { $age }
plans-from-api = tarifs de l'API, { $age }
plans-title = Tarifs ({ $shown } sur { $total })
plans-cost-factor = coût ×{ $cost } de la recharge
plans-cost-not-given = coût non donné : prix sur la recharge
plans-disabled-now = DÉSACTIVÉE pour l'instant
plans-costs-sells = { $face } coûte { $cost } → se vend
plans-none-loaded = aucun tarif chargé : { $key } pour charger
plans-no-match = aucune offre ne correspond au filtre ({ $key } l'efface)
col-kind = type
col-cost = coût
col-for = pour
col-wholesale = prix gros
col-shop-price = prix vente

## Avis et messages

toast-sending = envoi { $phone } { $amount } — à encaisser { $price }
toast-sent = envoyé { $phone } { $amount } — réf { $ref }
toast-not-sent = PAS envoyé { $phone } { $amount } : { $error }
toast-sent-unrecorded = ENVOYÉ { $phone } { $amount }, réponse non enregistrée ({ $error }) — vérification, ne renvoyez pas
notice-not-sent-retry = pas envoyé : { $error } — vérifiez et appuyez sur { $enter } pour réessayer
toast-settled = { $phone } { $amount } : { $state } — { $advice }
notice-duplicate = le même numéro et le même montant sont partis il y a { $secs } s : { $repeat } en envoie UNE AUTRE ({ $enter } non), { $back } annule
notice-no-plan-to-choose = aucune offre à choisir pour ce numéro
notice-plans-not-loaded = les offres ne sont pas encore chargées : { $refresh } pour réessayer
notice-plan-disabled = { $code } est désactivée pour l'instant : choisissez une autre offre
notice-char-does-nothing = '{ $char }' ne fait rien ici : les chiffres tapent le montant, { $back } modifie le numéro
notice-preset-amount = cette offre a un montant fixe : appuyez sur { $enter } pour continuer
notice-confirm-keys = { $enter } envoie, { $back } revient pour modifier
notice-offers-need-number = les offres demandent le numéro complet ({ $count }/10 chiffres)
notice-asking-offers = on demande à { $operator } les offres possibles pour { $phone }…
toast-offers-failed = offres pour { $phone } : { $error }
toast-offers-late = les offres pour { $phone } sont arrivées après le changement de numéro : { $menu } pour redemander
notice-no-offers = aucune offre proposée pour ce numéro : choisissez une offre de la liste
notice-offers-arrived = { PLURAL($n) ->
    [one] { $n } offre pour ce numéro : { $enter } la choisit, { $back } retour aux offres
   *[other] { $n } offres pour ce numéro : { $enter } en choisit une, { $back } retour aux offres
}
notice-plan-wrong-line = { $code } ne peut pas être envoyée à un numéro { $operator }
notice-plan-chosen = { $code } choisie : tapez le numéro du client
toast-no-such-offer = cette commande n'a pas d'offre proposée { $n }
toast-sell-again-only = { $state } : seule une vente mobile NON ENVOYÉE ou REFUSÉE de cette caisse se revend d'ici
toast-bad-order-number = le numéro de cette commande est inutilisable : { $error }
toast-plans-failed-kept = offres non chargées : { $error } (on garde celles déjà chargées)
toast-plans-failed-none = offres non chargées : { $error } (aucune pour l'instant : { $refresh } pour réessayer)
warn-balance-short = le solde { $balance } est inférieur au coût de cette vente { $cost } : OneClickDz la refusera
toast-worker-stopped = le service en arrière-plan s'est arrêté : impossible d'envoyer ; relancez l'application

## L'aide F1

help-title = Touches — { $help } ou { $back } pour fermer
help-f1 = aide : afficher / masquer cette liste
help-f2 = écran de vente / nouveau client : formulaire vidé
help-f3 = tarifs : tapez pour filtrer, { $enter } vend l'offre
help-f4 = historique, les plus récentes d'abord ; { $enter } ouvre une commande
help-f5 = actualiser les offres, le solde et la page d'historique
help-f6 = offres possibles pour ce numéro (GETMENU)
help-language = langue : français → العربية → English
help-quit = quitter
help-enter = étape suivante, ENVOYER / retour, fermer, effacer
help-digits = le numéro ; sur la liste des offres, ils vont au montant
help-move = se déplacer dans la liste (l'aide { $help } aussi, si elle ne tient pas)
help-home-end = premier / dernier de la liste
help-backspace = effacer un caractère / vider le champ
help-slash = historique : modifier la ligne de filtre
help-filter-words = mots du filtre
help-filter-words-text = tél:0661 réf:AB12 statut:remboursé jour:hier
key-esc = Échap
key-enter = Entrée
key-backspace = ⌫
key-page-up = Pg↑
key-page-down = Pg↓
key-home = Début
key-end = Fin
key-tab = Tab
key-pair = { $a } { $b }
help-notices = messages : les 50 derniers, avec leur heure
notices-title = Messages — { $key } ou { $back } pour fermer
notices-empty = aucun message pour l'instant
hint-notices = { $arrows } défiler · { $key } ou { $back } ferme les messages
help-offer-n = détail de commande : vendre l'offre proposée N à ce numéro

## Notes de la chronologie

note-saved-sending = enregistrée ; envoi
note-sent-again = renvoyée par le personnel avec la même réf
note-interrupted = trouvée enregistrée sans réponse notée (envoi interrompu) ; vérification par la réf
note-accepted-as = acceptée sous { $id }
note-found-by-ref = retrouvée par sa réf sous { $id }
note-rate-limited = trop de requêtes ; envoi n° { $n } (même réf)
note-still-rate-limited = toujours trop de requêtes chez OneClickDz après { PLURAL($n) ->
    [one] { $n } essai
   *[other] { $n } essais
} (pas un refus) ; vérification par la réf — elle peut être renvoyée avec la même réf
note-duplicate = l'API dit que cette réf est déjà utilisée : la commande existe ; vérification par sa réf
note-not-sent = jamais arrivée chez OneClickDz — rien n'a été débité ; faites une nouvelle commande
note-refused = refusée : { $why } ; rien n'a été débité
note-connect-failed = connexion à OneClickDz impossible : rien n'a été envoyé, rien débité
note-not-sent-error = pas envoyée ({ $error }) : rien n'a été débité
note-no-clear-answer = pas de réponse claire à l'envoi ({ $error }) ; vérification par la réf
note-not-understood = OneClickDz a répondu l'état '{ $status }', qu'elle ne documente pas : inconnu — on redemandera plus tard

## Pourquoi un montant, un numéro ou une vente est refusé

amount-empty = tapez un montant
amount-not-a-number = '{ $text }' n'est pas un nombre entier de dinars
amount-too-low = au moins { $min } pour cette offre
amount-too-high = au plus { $max } pour cette offre
amount-no-range = cette offre n'a pas de plage de montants
amount-fixed-only = cette offre ne vend que { $amount } : effacez le montant ou choisissez une offre à montant libre
phone-bad-character = '{ $char }' n'est pas permis dans un numéro
phone-no-leading-zero = un numéro mobile commence par 0
phone-unknown-prefix = aucun opérateur n'utilise le préfixe { $prefix } (05 Ooredoo, 06 Mobilis, 07 Djezzy)
phone-too-long = trop de chiffres : un numéro mobile en a 10
phone-no-digits = tapez au moins le premier chiffre
phone-too-short = { PLURAL($n) ->
    [one] { $n } chiffre sur 10
   *[other] { $n } chiffres sur 10
}
draft-full-number = tapez le numéro complet ({ $count }/10 chiffres)
draft-unknown-plan = { $code } n'est pas dans la liste des offres : { $key } pour l'actualiser
draft-choose-plan = choisissez une offre
draft-wrong-operator = { $code } n'est pas pour les numéros { $operator }
draft-use-menu-key = GETMENU demande les offres d'un numéro : utilisez { $key } sur l'écran de vente
draft-offer-not-whole = le montant de cette offre n'est pas en dinars entiers

## flexy-pos config: the terminal id

cfg-terminal = identifiant du terminal
cfg-terminal-value = { $id } (d'après { $source })
cfg-terminal-in-store = (gardé dans la base des commandes ; une caisse avec clé le recopie ici)

## Damage on disk

cli-damaged-not-listed = commandes endommagées sur le disque, non listées : { $count } dans { $dir } ; rien n'a été modifié. { $hint }
restore-hint = Gardez une copie du dossier, déplacez-le ailleurs, puis reconstituez les commandes depuis OneClickDz avec `flexy-pos sync --since AAAA-MM-JJ` (le jour de la plus ancienne commande dont vous avez besoin), ou restaurez une sauvegarde

## flexy-pos sync: the audit against OneClickDz's list

cli-audit-progress = vérification : page { $page }/{ $pages } · vérifiées : { $checked } · restaurées : { $restored } · externes : { $external }
cli-audit-summary = vérifiées : { $checked } sur { PLURAL($pages) ->
        [one] { $pages } page
       *[other] { $pages } pages
    } — restaurées : { $restored }, corrigées : { $corrected }, externes : { $external } (nouvelles : { $new }), inconnues chez OneClickDz : { $unknown }
cli-audit-conflicts = , { $n } en conflit
cli-audit-not-stored = , illisibles ou non enregistrées : { $n }
cli-audit-stopped-mark = {" "}(arrêtée avant la fin)
cli-audit-since = vérification depuis { $from } : { $summary }
cli-audit-restored = restaurée
cli-audit-corrected = corrigée
cli-audit-was = { $line } (était { $was })
cli-audit-conflict = conflit
cli-audit-unreadable = illisible
cli-audit-not-in-list = ABSENTE DE LA LISTE ONECLICKDZ  { $line } : acceptée ici mais absente de la liste du serveur ; ne renvoyez pas, contactez le support OneClickDz
cli-audit-stopped-early = la vérification s'est arrêtée avant la fin : { $why }

## Orders that are not this till's own sale

origin-restored = restaurée
origin-external = externe
origin-restored-explain = restaurée depuis la liste OneClickDz après la perte de la fiche locale ; rien n'a été renvoyé
origin-external-explain = faite ailleurs sur ce compte (tableau de bord ou autre caisse) ; lecture seule, pas une vente de cette caisse

## A window too small for the screen on show

fit-too-small-sale = Fenêtre trop petite pour afficher toute la vente (numéro, montant, montant à encaisser). Agrandissez-la à au moins { $need } (maintenant { $have }). Rien n'est envoyé tant qu'elle est trop petite.
fit-too-small-orders = Fenêtre trop petite pour afficher en entier l'état et le montant de chaque commande. Agrandissez-la à au moins { $need } (maintenant { $have }).
fit-short-sale =
    trop petit : { $have }
    il faut { $need }
    rien n'est envoyé
fit-short-orders =
    trop petit : { $have }
    il faut { $need }

## Typing and pasting into the sale form

amount-not-a-digit = '{ $char }' n'est pas un chiffre : les montants sont en dinars entiers
amount-leading-zero = un montant ne commence pas par 0
amount-too-long = ce montant est trop long
paste-not-an-amount = '{ $text }' n'est pas un montant : dinars entiers seulement
paste-nothing-at-confirm = rien n'est collé : { $enter } envoie cette vente, { $back } revient pour la modifier
notice-not-sent-too-small = PAS envoyé : la fenêtre était trop petite pour afficher toute la vente ; vérifiez-la, puis { $enter }

## The log file

log-to-stderr = attention : impossible d'ouvrir le journal { $file } ({ $reason }) ; journal sur stderr à la place
log-no-file = attention : impossible d'ouvrir le journal { $file } ({ $reason }) ; la caisse tourne sans journal

## flexy-pos send: why the sale gate refused

cli-bad-phone = numéro de téléphone : { $error }
cli-no-plan = aucune offre donnée (--plan)
cli-unknown-plan = pas d'offre '{ $code }' dans la liste des offres
cli-wrong-operator = l'offre { $code } est pour les lignes { $line }, mais { $phone } est un numéro { $operator }
cli-refused-plan-disabled = l'offre { $code } est désactivée pour le moment (maintenance ou souci chez l'opérateur)
cli-menu-plan = l'offre { $code } demande seulement les offres d'un numéro
cli-offer-not-whole = le montant de l'offre { $amount } n'est pas en dinars entiers
cli-amount-for = montant pour { $code } : { $error }

## Config errors (never a value from the file or the environment)

cfg-unit-seconds = {" "}(secondes)
cfg-unit-minutes = {" "}(minutes)
cfg-unit-hours = {" "}(heures)
cfg-unit-days = {" "}(jours)
cfg-unit-percent = {" "}(pour cent)
cfg-unit-dinars = {" "}(DA)
cfg-unit-times-sandbox = {" "}(fois le vrai sandbox)
cfg-not-toml = ce n'est pas du TOML valide ({ $why })
cfg-must-be-section = doit être une section : écrivez [{ $name }] sur une ligne à part
cfg-must-be-text = doit être un texte entre guillemets
cfg-url-rule = doit être une adresse https:// complète entre guillemets (http:// simple seulement pour cette machine)
cfg-timezone-rule = doit être un nom de fuseau horaire entre guillemets, un nom IANA comme "Africa/Algiers"
cfg-day-start-rule = doit être une heure de "00:00" à "12:00" entre guillemets, par ex. "04:00" pour une boutique ouverte après minuit
cfg-terminal-id-rule = doit faire 1 à 16 caractères parmi a-z et 0-9, entre guillemets (il commence chaque ref envoyée par cette caisse)
cfg-data-dir-rule = doit être un chemin complet entre guillemets, comme "/home/boutique/flexy-pos" ou "~/flexy-pos" (vide ou relatif, il mettrait les commandes dans le dossier d'où la caisse est lancée)
cfg-must-be-one-of = doit être l'un de { $words }
cfg-must-be-whole = doit être un nombre entier de { $min } à { $max }{ $unit }
cfg-must-be-number = doit être un nombre de { $min } à { $max }{ $unit }
cfg-did-you-mean = n'est pas un réglage ; vouliez-vous dire `{ $right }` ?
cfg-not-a-setting = n'est pas un réglage ; les réglages sont { $settings }
cfg-err-read = impossible de lire le fichier de config { $path } : { $error }
cfg-err-too-big = le fichier de config { $path } fait { $bytes } octets, au-delà de la limite de 1 Mo (un fichier de config fait quelques lignes) : est-ce le bon fichier ?
cfg-err-setting = fichier de config { $path }, ligne { $line } : `{ $setting }` { $problem }
cfg-err-hidden-setting = fichier de config { $path }, ligne { $line } : `(un nom qui n'est pas affiché)` { $problem }
cfg-err-line = fichier de config { $path }, ligne { $line } : { $problem }
cfg-err-no-data-dir = pas de dossier de données : donnez --data-dir ou FLEXY_DATA_DIR
cfg-err-data-dir = le dossier de données (--data-dir ou FLEXY_DATA_DIR) doit être un chemin complet, comme /home/boutique/flexy-pos ou ~/flexy-pos (vide ou relatif, il mettrait les commandes dans le dossier d'où la caisse est lancée)
cfg-err-data-dir-no-home = le dossier de données commence par ~, mais cet utilisateur n'a pas de dossier personnel connu : donnez un chemin complet
cfg-err-api-url = l'URL de l'API (--api-url ou FLEXY_API_URL) doit être une adresse https:// complète entre guillemets (http:// simple seulement pour cette machine)
cfg-err-practice-speed = FLEXY_PRACTICE_SPEED doit être un nombre de 0.01 à 100000
cfg-err-lang-env = FLEXY_LANG : doit être fr, ar ou en
cfg-err-terminal-id = l'identifiant du terminal (--terminal, FLEXY_TERMINAL ou terminal_id) doit faire 1 à 16 caractères parmi a-z et 0-9, entre guillemets (il commence chaque ref envoyée par cette caisse)
cfg-err-record-terminal = impossible d'écrire terminal_id dans { $path } : modifiez-le à la main (terminal_id = "{ $id }")
cfg-err-write = impossible d'écrire { $path } : { $error }
cfg-err-timezone = `timezone` doit être un nom de fuseau horaire entre guillemets, un nom IANA comme "Africa/Algiers"

## The order database's errors (the engine's and the system's own words kept as they are)

store-locked = la base des commandes dans { $dir } est déjà utilisée par un autre flexy-pos ; fermez l'autre d'abord (une seule caisse par dossier de données)
store-io = impossible d'utiliser { $path } : { $error }
store-damaged = la base des commandes dans { $dir } est endommagée ({ $detail }) ; rien n'a été modifié. { $hint }
store-too-new = la base des commandes dans { $dir } a été écrite par un flexy-pos plus récent ({ $found } ; cette version lit jusqu'à { $supported }) ; rien n'a été modifié, utilisez la version plus récente
store-migration = la mise à niveau de la base des commandes depuis le schéma { $from } a échoué : { $detail }
store-corrupt-record = { $what } { $key } illisible dans la base : { $detail }
store-duplicate-ref = une commande avec la ref { $ref } existe déjà ; rien n'a été écrit
store-duplicate-key = la commande { $key } existe déjà ; rien n'a été écrit
store-not-found = la commande { $key } n'est pas dans la base
store-ref-taken = impossible de changer la ref de la commande { $key } en { $ref } : une autre commande l'a déjà
store-invalid = impossible d'enregistrer ceci : { $why }
store-encode = impossible d'encoder { $what } : { $detail }
store-db = erreur de la base : { $detail }

## The API's errors (server text, codes and request ids kept as they are)

api-refused = refusé par l'API ({ $code }, HTTP { $status }) : { $message }{ $advice }{ $rid }
api-slow-down = OneClickDz demande de ralentir ({ $code }, HTTP { $status }) : { $message }{ $advice }{ $rid }
api-undocumented = l'API a répondu par une erreur qu'elle ne documente pas ({ $code }, HTTP { $status }) : { $message }{ $advice }{ $rid }
api-advice = {" "}— { $advice }
api-advice-ip-not-allowed = l'adresse IP de la boutique n'est pas dans la liste blanche de la clé API : ajoutez-la dans le tableau de bord OneClickDz, Settings → API Configuration → IP whitelist
api-advice-api-disabled = l'accès API est désactivé pour cette clé : activez-le dans le tableau de bord OneClickDz (Settings → API Configuration) ou contactez le support OneClickDz
api-advice-too-large = la requête était trop grande pour l'API et n'a pas été lue
api-advice-ip-blocked = trop de mauvaises clés API depuis cette IP : OneClickDz la bloque pendant 15 minutes
api-no-code = sans code
api-failed = erreur de l'API ({ $code }, HTTP { $status }) : { $message }{ $rid }
api-unavailable = OneClickDz est momentanément indisponible ({ $code }, HTTP { $status }) : { $message } ; nouvel essai plus tard{ $rid }
api-cannot-connect = impossible de joindre l'API
api-timeout = l'API n'a pas répondu à temps
api-broken = la connexion à l'API a été coupée
api-decode = réponse illisible de l'API (HTTP { $status }) : { $message }{ $rid }
api-protocol = la réponse de l'API enfreint ses propres règles (HTTP { $status }) : { $message }{ $rid }
fault-wrong-page = page { $asked } de la liste demandée, page { $got } reçue
fault-impossible-amount = { $field } impossible : { $amount } ; la réponse n'a pas été utilisée
fault-not-dinars = un montant n'est pas un nombre de dinars ; la réponse n'a pas été utilisée
fault-success-false = success:false sans refus documenté ({ $code } : { $message }) : rien n'est conclu
fault-other-ref = l'envoi a reçu la réponse de la réf. { $ref }, pas la nôtre ; son identifiant n'a pas été utilisé
api-redirected = OneClickDz a répondu HTTP { $status }, une redirection vers une autre adresse : la caisse n'en suit aucune (la clé et la commande restent chez OneClickDz), et n'en conclut rien
api-unknown-route = l'API n'a pas cette adresse (HTTP { $status }, pas le format de réponse de l'API : { $message }) ; vérifiez l'URL de l'API
api-config = erreur de configuration : { $why }
api-key-refused = la clé API a été refusée par OneClickDz ({ $code }) ; aucune requête ne l'utilise tant que la clé n'est pas changée ou que F5 n'est pas pressée à la caisse

## Orders and the plan list: errors

plans-never-fetched = pas encore de liste des offres, et l'API n'en a pas donné ({ $error }) ; les offres sont téléchargées à la première connexion réussie
plans-cache = cache des offres : { $error }
order-invalid = la vente n'est pas valide ; rien n'a été envoyé
order-store = base des commandes : { $error }
order-not-found = aucune commande avec la ref { $ref }
order-not-retryable = la commande { $ref } est { $state } : seules les commandes NOT_SENT peuvent être renvoyées
order-busy = la commande { $ref } est en cours d'envoi
order-key-refused = pas envoyé, rien n'a été débité : { $error }
order-sent-unrecorded = { $ref } a été ENVOYÉ, mais sa réponse n'a pas pu être enregistrée ({ $error }) : vérification auprès de OneClickDz en cours — ne le renvoyez pas

## The counter worker's errors

worker-plans-refresh-failed = impossible d'actualiser les offres ({ $error }) ; la liste en cache est utilisée
worker-history-failed = historique des commandes : { $error }
worker-no-offers = aucune offre n'est revenue pour { $phone } ({ $state }) ; voyez la commande dans l'historique
worker-offers-slow = les offres pour { $phone } tardent ; la réponse apparaîtra dans l'historique
worker-key-refused = clé API refusée par OneClickDz ({ $code }). Les requêtes automatiques sont suspendues pour que l'IP de la boutique ne soit pas bloquée (5 mauvaises clés = 15 min de blocage). Corrigez ONECLICKDZ_API_KEY ou api_key dans config.toml et relancez, ou appuyez sur { $key } pour réessayer.
bar-key-refused = clé API refusée

## Starting a session

session-emulator = émulateur d'entraînement : { $error }
till-id-mismatch = la base de commandes de cette caisse ({ $dir }) a été créée par le terminal « { $stored } », mais { $given_by } indique le terminal « { $given } ». Les références de l'autre identifiant ne seraient pas reconnues comme celles de cette caisse. Corrigez { $given_by } (ou retirez-le pour utiliser « { $stored } »)
till-read-stopped = la caisse n'a pas pu lire ses commandes pour cette commande ; réessayez

## Start-up failures

cli-no-runtime = impossible de démarrer le moteur asynchrone : { $error }
cli-terminal-error = erreur du terminal : { $error }

## Timeline notes of the audit

note-restored = restaurée depuis la liste OneClickDz : la fiche locale était perdue ; rien n'a été renvoyé
note-external = faite ailleurs sur ce compte (tableau de bord ou autre caisse), telle que OneClickDz la liste
note-audit-corrected = corrigée par la vérification : OneClickDz liste cette commande comme { $listed } ; cette caisse avait { $had }
note-listed = telle que OneClickDz la liste
note-twin-till = faite par UNE AUTRE CAISSE qui utilise l'identifiant de cette caisse (un config.toml copié) : mise à part comme faite ailleurs, pas comptée comme vente de cette caisse

## Réponses de OneClickDz qui contredisent la commande (jamais appliquées)

conflict-mismatch = la réponse de OneClickDz ne correspond pas à cette commande ({ $fields }) : elle concerne peut-être une autre recharge, elle n'a donc pas été prise en compte ; demandez au support OneClickDz si cela persiste
conflict-contrary = OneClickDz dit maintenant { $said }, mais cette commande est déjà { $had }, ce qui est définitif : elle reste telle quelle ; demandez au support OneClickDz lequel est juste
conflict-list = { $first }, { $rest }
conflict-ref = réf { $said } au lieu de { $had }
conflict-no-ref = aucune réf au lieu de { $had }
conflict-id = id { $said } au lieu de { $had }
conflict-phone = numéro { $said } au lieu de { $had }
conflict-plan = offre { $said } au lieu de { $had }
conflict-product = produit { $said } au lieu de { $had }
conflict-amount = montant { $said } au lieu de { $had }
conflict-charge = un débit de { $said } pour une recharge de { $worth }

## What the audit found wrong with a listed order

audit-no-operator = { $ref } : ni son numéro '{ $phone }' ni son offre '{ $code }' ne désignent un opérateur
audit-list-repeats = la page { $page } de la liste de OneClickDz n'apportait aucune commande absente des pages précédentes (une liste qui répète ses pages) : l'audit s'est arrêté là et la relira la prochaine fois
audit-list-too-long = la liste de OneClickDz annonce { $claimed } pages, plus que sa période ou son propre nombre de commandes ne peut en remplir : l'audit s'est arrêté après { $pages }
audit-clock-behind = l'horloge de ce PC retarde de { $minutes } min sur celle de OneClickDz : remettez-la à l'heure (l'audit en tient compte)
audit-clock-ahead = l'horloge de ce PC avance de { $minutes } min sur celle de OneClickDz : remettez-la à l'heure (l'audit en tient compte)
audit-twin-till = UNE AUTRE CAISSE UTILISE L'IDENTIFIANT DE CETTE CAISSE '{ $terminal }' (un config.toml copié) : ses commandes ({ $n } dans cette vérification) sont mises à part comme faites ailleurs, pas comptées ici. Donnez à l'une des deux caisses un nouveau terminal_id dans son config.toml (README : « Two tills, one terminal id »)

## Requests refused for the till's access (IP whitelist, API switched off)

api-access-latched = OneClickDz refuse les requêtes de cette caisse ({ $code }) : { $advice } ; aucune requête n'est envoyée tant que F5 n'est pas pressée à la caisse ou que la commande n'est pas relancée
api-access-refused = OneClickDz refuse les requêtes de cette caisse ({ $code }) : { $advice }
worker-access-refused = { $why }. Les requêtes automatiques sont suspendues ; appuyez sur { $key } une fois le problème réglé.
bar-access-refused = accès API refusé

## Output that cannot be written

cli-output-failed = la sortie n'a pas pu être écrite : { $error }
hint-pane = { $arrows } choisir · { $enter } ouvre la vente · { $back } ou { $pane } retour au formulaire
hint-regulars = { $arrows } habitués · { $enter } prend le numéro · { $repeat } refait la dernière vente · { $pane } ventes
hint-detail-sale = { $arrows } défiler · { $sell } vend une offre proposée · { $back } retour à la vente
hint-detail-sell-again = { $arrows } défiler · { $again } la revend (une nouvelle commande ; rien n'a été débité) · { $back } retour
hint-report-edit = un jour (2025-03-01, today, yesterday) ou deux jours · { $enter } affiche · { $back } annule
hint-report = { $pages } jour · t aujourd'hui · y hier · / jour ou période · { $refresh } · { $back } retour
sale-regulars = Habitués · { $repeat } refait
pane-title = Dernières ventes ({ $key })
pane-give-back = { PLURAL($n) ->
    [one] { $n } REMBOURSÉE aujourd'hui : rendez { $sum } au client
   *[other] { $n } REMBOURSÉES aujourd'hui : rendez { $sum } aux clients
}
pane-empty = aucune vente pour l'instant
help-books = les comptes : le point de caisse du jour ; t aujourd'hui, y hier
help-repeat = vente : refaire (habitué, doublon) ; détail : revendre
help-pane = vente : aller aux dernières ventes et revenir
tab-books = Comptes
help-more = { $first }–{ $last } sur { $total }, { $keys } pour la suite
cli-store-damaged = { $error } ; rien n'a été modifié. { $hint }
cli-csv-failed = impossible d'écrire le CSV : { $error }
books-title = Comptes
books-all-operators = Tous
books-orders = Ventes
books-fulfilled = Réussies
books-face = Valeur faciale
books-collected = Montant à encaisser
books-cost = Coût (débité)
books-margin = Marge
books-margin-rate = Taux de marge
books-to-give-back = À rendre (REMBOURSÉ)
books-at-risk = À vérifier : ni rembourser ni renvoyer
books-in-progress = En cours
books-nothing-charged = Refusées/non envoyées : rien débité
books-to-give-back-short = À rendre
books-at-risk-short = À vérifier
books-nothing-charged-short = Refus / non envoyées
books-refunds-heading = Rendez l'argent
books-refunds-count = Rendez l'argent : { $n } · { $sum }
books-no-refunds = Rien à rendre.
books-more-refunds = { PLURAL($n) ->
    [one] +{ $n } autre remboursement, non listé
   *[other] +{ $n } autres remboursements, non listés
}
books-by-hour = Ventes par heure 00→{ $last } · record { $best }
books-last-30-days = 30 derniers jours
books-shares = Parts des opérateurs
books-no-orders = Aucune vente sur cette période.
books-external = Faites ailleurs (hors de ces totaux)
books-lookups = Consultations d'offres (ni vente, ni dû)
books-columns-hidden = { PLURAL($n) ->
    [one] +{ $n } masquée
   *[other] +{ $n } masquées
}
books-loading = chargement…
books-days-from = journées à partir de { $time }
books-type-period = un jour, ou deux jours pour une période
books-header = { $title } { $period }  ({ $days })
books-before = { $last } est avant { $first }
books-to-before-from = --to { $last } est avant --from { $first }
books-to-needs-from = --to demande --from
books-type-day-or-range = tapez un jour (2025-03-01, today, yesterday) ou deux jours pour une période
books-failed = les comptes : { $error }
books-write-failed = impossible d'écrire le rapport : { $error }
worker-recent-failed = dernières ventes : { $error }
worker-orders-damaged = { PLURAL($n) ->
    [one] { $n } vente de la base ne peut pas être lue et n'est pas affichée
   *[other] { $n } ventes de la base ne peuvent pas être lues et ne sont pas affichées
} ; la vente continue. { $hint }
worker-twin-till = Une autre caisse utilise l'identifiant de cette caisse '{ $terminal }' (un config.toml copié) : ses ventes sont mises à part et pas comptées ici. Donnez à l'une des deux caisses un nouveau terminal_id dans son config.toml.
repeat-no-regular = aucun habitué à refaire : tapez les premiers chiffres du numéro d'un client
repeat-plan-gone = { $plan } n'est plus proposé : choisissez un forfait

## An order's last error, beyond the API's own errors

problem-not-known-yet = OneClickDz ne connaît pas encore cette réf ({ $secs } s après l'envoi) ; vérification en cours

## Days: the shop day's words (typed in any of the languages), a day that cannot be read

day-today = aujourd'hui
day-yesterday = hier
day-bad = '{ $word }' n'est pas un jour : donnez aujourd'hui, hier, JJ/MM/AAAA ou AAAA-MM-JJ
day-none-before = pas de jour avant aujourd'hui
sync-since-future = --since { $day } est après aujourd'hui : l'audit lit ce que OneClickDz a déjà fait (donnez aujourd'hui ou un jour passé)

## Why the API refused a request (inside a refusal note)

refusal-invalid-field = { $field } invalide
refusal-invalid = requête invalide
refusal-balance-needs = solde insuffisant : il faut { $required }, il y a { $available }
refusal-balance = solde insuffisant
refusal-duplicate-ref = référence déjà utilisée
refusal-not-found = introuvable
refusal-missing-token = aucune clé d'API envoyée
refusal-invalid-token-left = clé d'API refusée ({ PLURAL($n) ->
        [one] { $n } essai restant
       *[other] { $n } essais restants
    })
refusal-invalid-token = clé d'API refusée
refusal-ip-blocked = cette adresse IP est bloquée par l'API
refusal-ip-not-allowed = cette adresse IP n'est pas dans la liste blanche de la clé
refusal-api-disabled = l'accès à l'API est désactivé
refusal-too-large = requête trop grande
refusal-rate-limited = trop de requêtes
refusal-other = une erreur que l'API ne documente pas

## Idoom internet top-ups and operator health

line-wrong-start = un numéro { $product } s'écrit { $pattern }
line-too-long = trop de chiffres : un numéro { $product } en a { $n }
line-too-short = { PLURAL($typed) ->
    [one] { $typed } chiffre sur { $n }
   *[other] { $typed } chiffres sur { $n }
}
state-queued = EN FILE
short-queued = patientez 12–48 h, ne renvoyez pas
advice-queued = en file chez Algérie Télécom : livré sous 12 à 48 heures ; ne remboursez pas, ne renvoyez pas : revérifié automatiquement
proof-card-code = code de recharge
proof-num-trans = n° de transaction
proof-date = traité le
internet-no-such-value = pas de recharge { $product } de { $value } ; en vente : { $offered }
internet-value-unavailable = { $product } { $value } n'est pas en vente en ce moment
cli-bad-line = numéro { $product } : { $error }
audit-no-internet-type = { $ref } : son type '{ $type }' n'est ni ADSL ni 4G
cli-internet-header = { $product } ({ $source }), obtenu il y a { $age }
cli-internet-row = { $value }   coût { $cost }   prix { $price }
cli-not-on-sale = (pas en vente)
cli-line-ok = { $product } { $number } : OneClickDz peut recharger cette ligne
cli-line-offer = offre
cli-line-subscriber = abonné
cli-line-refused = { $product } { $number } : OneClickDz ne peut pas recharger cette ligne : { $error }
cli-line-unclear = la ligne n'a pas pu être vérifiée : { $error }
help-product = vente : mobile → Idoom ADSL → Idoom 4G
sale-line-number = Numéro { $product }
line-checking = vérification de la ligne auprès de OneClickDz…
line-found = ligne OK
line-found-offer = ligne OK — offre { $offer }
line-refused-notice = OneClickDz ne peut pas recharger cette ligne : { $error }
line-unclear-notice = la ligne n'a pas pu être vérifiée ({ $error }) ; vous pouvez quand même vendre
notice-line-being-checked = patientez : la ligne est en cours de vérification
list-values-for = Recharges { $product }
list-values-not-loaded = Les recharges { $product } ne sont pas encore chargées. { $key } pour réessayer.
list-not-on-sale = (pas en vente)
notice-pick-value = choisissez une recharge dans la liste, puis { $enter }
notice-mobile-only = { $key } : pour les numéros mobiles seulement
confirm-product = Produit
confirm-offer = Offre de la ligne
proof-title = LIVRÉ — donnez ce code au client
proof-dismiss = { $enter } ou { $back } : terminé
operator-down = ⚠ { $operator } est en panne chez OneClickDz
notice-operator-down = { $operator } est en panne chez OneClickDz : { $enter } encore pour envoyer quand même, { $back } annule
product-mobile = mobile
sale-product-switch = produit ({ $key }) :
hint-internet-phone = tapez ou collez le numéro de la ligne, { $enter } · { $product } produit · { $pane } dernières ventes
hint-internet-value = { $arrows } choisir la recharge · { $enter } suivant · { $back } retour

## Receipts and the printer.
receipt-title = Reçu de recharge
receipt-copy = DUPLICATA { $time }
receipt-date = Date
receipt-operator = Opérateur
receipt-number = Numéro
receipt-plan = Offre
receipt-amount = Montant
receipt-price = Payé
receipt-status = Statut
receipt-ref = Réf
receipt-topup-id = Id OneClickDz
receipt-give-back = Remboursé : { $sum } rendus au client
receipt-day-title = Clôture de caisse
receipt-printed-at = Imprimé
receipt-not-found = aucune commande n'a la réf { $ref }
receipt-bad-printer-flag = --printer prend file:CHEMIN ou tcp:HÔTE:PORT
receipt-printed = reçu de { $ref } imprimé sur { $printer } (impression n° { $count })
receipt-day-printed = clôture { $period } imprimée sur { $printer }
print-no-printer = aucune imprimante configurée ([printer] kind dans config.toml) : rien n'est imprimé
print-timeout = l'imprimante n'a pas répondu en { $secs } s (éteinte, sans papier ?) : le reçu pourra être imprimé plus tard
print-unreachable = imprimante injoignable ({ $error }) : le reçu pourra être imprimé plus tard
print-write-failed = l'impression a échoué ({ $error }) : le reçu pourra être imprimé plus tard
print-not-counted = imprimé, mais le nombre d'impressions n'a pas pu être gardé : { $error }
cfg-err-printer = [printer] kind nomme une imprimante mais address ne dit pas où elle est (HÔTE ou HÔTE:PORT pour network, sinon le chemin du périphérique ou du fichier)
cfg-printer = imprimante
cfg-printer-none = aucune (rien n'est imprimé)
cfg-printer-value = { $target }, { $width } mm ({ $columns } caractères), tables { $arabic }/{ $latin }, délai { $secs } s, { $auto }
cfg-printer-auto = imprime chaque vente FULFILLED
cfg-printer-on-key = imprime sur la touche
cfg-shop = boutique
help-print = imprimer le reçu affiché (puis : DUPLICATA) / aperçu
toast-slip-printed = reçu de { $ref } imprimé (impression n° { $count })
toast-books-printed = clôture imprimée
toast-nothing-to-print = aucune vente à l'écran à imprimer
preview-title = Aperçu du reçu
preview-hint = { $print } imprimer · { $back } fermer
# Le canal de commandes de la caisse : une commande demande à la caisse (l'écran de vente) qui tient la base.
till-no-answer = aucune caisse ne répond sur { $endpoint } : { $error }
till-lost = la caisse s'est arrêtée avant de répondre ({ $error })
till-lost-open = { $error } : { $what }
till-lost-sale = la vente au { $phone } a pu être enregistrée et envoyée : NE la refaites PAS. Cherchez-la avec `flexy-pos orders --phone { $phone }` ; la caisse la suit à sa réouverture (ou lancez `flexy-pos sync`)
till-garbled = la réponse de la caisse est illisible ({ $error }) : utilisez la même version de flexy-pos que la caisse
till-version = la caisse ouverte sur ce dossier est flexy-pos { $version } (protocole de commandes { $theirs }) et celle-ci est flexy-pos { $mine } (protocole { $ours }) : elles ne peuvent pas travailler ensemble. Fermez la caisse et rouvrez-la avec cette version (ou utilisez la version de la caisse)
till-too-large = la caisse a refusé la demande : plus de { $limit } octets
till-malformed = la caisse a refusé la demande : ce n'est pas une demande qu'elle comprend
till-busy = la caisse est occupée (fermeture, ou trop de commandes à la fois) : réessayez dans un instant
status-no-till = aucune caisse n'est ouverte sur { $dir }
status-running = { $what } est ouvert sur { $dir } depuis { $since } ({ $age }) : mode { $mode }, terminal { $terminal }, processus { $pid }, flexy-pos { $version }
status-counter = l'écran de vente
status-command = une commande
