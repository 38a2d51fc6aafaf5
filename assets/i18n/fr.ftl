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
short-unknown = ne remboursez pas, ne renvoyez pas
short-nothing-charged = rien n'a été débité
short-unconfirmed = ne renvoyez pas
advice-saved = enregistré, envoi en cours
advice-sent = envoyé, en attente de l'opérateur
advice-in-progress = en cours : patientez
advice-fulfilled = recharge effectuée
advice-refunded = échec : rendez l'argent au client
advice-unknown = résultat pas encore connu : ne remboursez pas, ne renvoyez pas ; il est revérifié automatiquement
advice-refused = refusé par OneClickDz : rien n'a été débité ; corrigez et revendez
advice-unconfirmed = on vérifie s'il est parti : ne renvoyez pas
advice-not-sent = jamais arrivé chez OneClickDz : rien n'a été débité ; revendez

label = { $label } :

## Nombres

count-orders = { $n ->
    [one] { $n } commande
   *[other] { $n } commandes
}
count-plans = { $n ->
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
cfg-mode-live = RÉEL
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
cli-sync-summary = synchro : { $open } ouvertes au départ, { $checks } vérifications, { $settled } réglées, { $still } encore ouvertes
cli-sync-settled = réglée
cli-sync-open = ouverte
cli-sync-error = erreur
cli-plans-header = { $count } ({ $source }), récupérées il y a { $age }
cli-plans-from-cache = cache
cli-plans-from-api = API
cli-plan-disabled = (désactivée)
cli-plans-refresh-failed = échec de la mise à jour, la liste ci-dessus vient du cache : { $error }
cli-plans-using-cache = attention : mise à jour des offres impossible ({ $error }) ; on utilise le cache
cli-seeded = { $n } commandes de démo ajoutées
cli-bad-phone-filter = --phone '{ $phone }' : donnez les chiffres d'un numéro (0XXXXXXXXX ou son début)
cli-bad-status-filter = --status '{ $status }' n'est pas un état ; utilisez : { $choices }
cli-bad-day-filter = --day '{ $day }' n'est pas une date comme 2025-03-01

## Âges

age-just-now = à l'instant
age-minutes = { $n } min
age-hours = { $n } h
age-days = { $n ->
    [one] { $n } jour
   *[other] { $n } jours
}
