## engine texts (uk): що рушій показує студентові, і назви його переліків.

mode-independent = самостійно
mode-accompanied = із супроводом
mode-referral = переадресація

role-consultant = консультант
role-manager = кейс-менеджер
role-supervisor = супервізор
role-mediator = медіатор

domain-material = матеріальні
domain-housing = житло
domain-medical = медичні
domain-psychological = психологічні
domain-social = соціальні
domain-legal = правові
domain-employment = зайнятість
domain-education = освіта
domain-safety = безпека

competency-engagement = Залучення та договір
competency-assessment = Оцінка ситуації і потреб
competency-planning = Планування
competency-coordination = Координація та переадресація
competency-monitoring = Моніторинг і корекція плану
competency-ethics = Етика та захист даних
competency-autonomy = Розвиток самостійності клієнта
competency-exit = Плановий вихід із програми
competency-documentation = Документування
competency-supervision = Супервізія та турбота про себе

end-closed = Випадок закрито.
end-ended-by-event = Випадок завершився через те, що сталося.
end-out-of-time = Час на випадок вичерпано.

visit-start = початок
visit-forward = далі
visit-return = повернення

training-mode-practice = Тренування
training-mode-self-test = Самоперевірка

engine-or = або
engine-quoted = «{ $text }»
engine-unnamed = (без назви)

engine-refusal-case-ended = Випадок завершено: нових рішень ухвалити не можна.
engine-refusal-unknown-decision = У цьому випадку немає такого рішення.
engine-refusal-wrong-stage = «{ $decision }» належить до етапу { $stages }; зараз випадок на етапі «{ $current }».
engine-refusal-already-taken = «{ $decision }» уже зроблено на цьому етапі.
engine-refusal-unmet = «{ $decision }» поки що неможливо: { $condition }.
engine-refusal-plan-not-open = Сервісний план можна змінювати лише на етапі «{ $plan }» або «{ $revision }»; зараз випадок на етапі «{ $current }».
engine-refusal-unknown-need = У цьому випадку немає такої потреби.
engine-refusal-need-not-identified = Цю потребу ще не визначено: потрібно більше дізнатися про ситуацію.
engine-refusal-unknown-goal = Це не одна з цілей для потреби «{ $need }».
engine-refusal-unknown-service = У мережі немає такої послуги.
engine-refusal-deadline-passed = Тиждень { $deadline } уже минув: випадок на { $week }-му тижні.
engine-refusal-deadline-beyond-case = Тиждень { $deadline } — уже після завершення випадку: він триває { $weeks } { $weeks ->
    [one] тиждень
    [few] тижні
    [many] тижнів
   *[other] тижня
}.
engine-refusal-not-in-plan = У плані немає пункту для потреби «{ $need }» з послугою «{ $service }».

engine-cond-learn-more = потрібно більше дізнатися про ситуацію
engine-cond-taken = спершу потрібно: «{ $decision }»
engine-cond-not-taken = лише якщо не було зроблено «{ $decision }»
engine-cond-known = потрібно знати: «{ $fact }»
engine-cond-unknown = лише доки не з’ясувалося: «{ $fact }»
engine-cond-unknown-hidden = лише доки дещо ще не з’ясовано
engine-cond-happened = лише після того, як: «{ $event }»
engine-cond-happened-hidden = спершу у випадку має дещо статися
engine-cond-not-happened = лише якщо не сталося: «{ $event }»
engine-cond-not-happened-hidden = лише доки ситуація не змінилася
engine-cond-at-least = «{ $variable }» має бути щонайменше { $value } (зараз { $now })
engine-cond-at-most = «{ $variable }» має бути щонайбільше { $value } (зараз { $now })
engine-cond-from-week = не раніше { $week }-го тижня
engine-cond-until-week = не пізніше { $week }-го тижня
engine-cond-planned = потреба «{ $need }» має бути в сервісному плані
engine-cond-service-planned = «{ $service }» спершу має бути в сервісному плані: робота йде за планом
engine-cond-plan-complete = кожна визначена потреба має бути покрита сервісним планом
engine-cond-at-stage = випадок має бути на етапі «{ $stage }»
engine-cond-not-at-stage = випадок не має бути на етапі «{ $stage }»
engine-cond-any = одне з: { $conditions }
engine-cond-hidden-measure = лише коли ситуація це дозволить
engine-cond-weeks-since = щонайменше через { $weeks } { $weeks ->
    [one] тиждень
    [few] тижні
    [many] тижнів
   *[other] тижня
} після { $since }
engine-cond-within-weeks = не пізніше ніж через { $weeks } { $weeks ->
    [one] тиждень
    [few] тижні
    [many] тижнів
   *[other] тижня
} після { $since }
engine-since-decision = «{ $decision }»
engine-since-event = того, як: «{ $event }»
engine-since-event-hidden = того, що має статися у випадку

engine-fault-vague-goal = мета нечітка: сформулюйте її конкретно, вимірювано й разом із клієнтом
engine-fault-does-not-meet-need = ця послуга не задовольняє цю потребу
engine-fault-online-only = послуга лише онлайн, а клієнт не має доступу до інтернету
engine-fault-needs-smartphone = послуга потребує застосунку на смартфоні, а клієнт не має смартфона або інтернету
engine-fault-deadline-too-soon = термін настає раніше, ніж послуга може початися: не раніше { $earliest }-го тижня
