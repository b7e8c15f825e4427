## Вікно тренажера (uk)

trainer-window-title = Casework — тренажер ведення випадку
trainer-tagline = Тренажер ведення випадку
trainer-no-display = Casework не може відкрити вікно: дисплей не знайдено (не задано ні DISPLAY, ні WAYLAND_DISPLAY). Щоб пройти випадок без вікна, скористайтеся `casework play ВИПАДОК --choices ФАЙЛ`; `casework --help` показує всі команди.
trainer-no-window = Casework не зміг відкрити вікно: дисплей недоступний або не знайдено графічного драйвера (див. повідомлення вище). Щоб пройти випадок без вікна, скористайтеся `casework play ВИПАДОК --choices ФАЙЛ`.
trainer-language = Мова інтерфейсу й випадку
trainer-text-larger = Більший текст
trainer-text-smaller = Менший текст
trainer-text-size = Текст { $percent }%
trainer-to-library = Бібліотека випадків
trainer-dismiss = Закрити
trainer-week-of = тиждень { $week } з { $weeks }
trainer-notice-save-failed = Останнє рішення не вдалося зберегти: { $error }. Перевірте, чи можна писати в теку даних; сесія лишається відкритою.
trainer-notice-unreadable-sessions = { $count ->
    [one] { $count } збережену сесію не вдалося прочитати, її не показано.
    [few] { $count } збережені сесії не вдалося прочитати, їх не показано.
   *[other] { $count } збережених сесій не вдалося прочитати, їх не показано.
}
trainer-notice-settings-failed = Налаштування інтерфейсу не вдалося зберегти на наступний раз: { $error }.
trainer-open-not-in-bank = Ця сесія стосується випадку «{ $scenario }», якого немає в цьому банку сценаріїв.

## Бібліотека
trainer-library-title = Бібліотека випадків
trainer-library-intro = Оберіть випадок, щоб прочитати вступ. Кожен випадок проводить клієнта через сім етапів ведення випадку — від прийому до завершення.
trainer-library-count = { $count ->
    [one] { $count } випадок
    [few] { $count } випадки
   *[other] { $count } випадків
}
trainer-library-none = Жоден випадок не відповідає цим фільтрам. Оберіть «Усі», щоб побачити більше.
trainer-filter-group = Категорія клієнтів
trainer-filter-difficulty = Складність
trainer-filter-model = Модель
trainer-filter-all = Усі
trainer-card-facts = модель: { $model } · { $difficulty } · { $minutes } хв · { $languages }
trainer-card-open = Відкрити: { $title }
trainer-continue-title = Продовжити з того місця, де ви зупинилися
trainer-continue-button = Продовжити: { $title }
trainer-continue-where = { $stage }, тиждень { $week }, { $steps ->
    [one] зроблено { $steps } крок
    [few] зроблено { $steps } кроки
   *[other] зроблено { $steps } кроків
}

## Вступ
trainer-briefing-facts = { $group } · близько { $minutes } хв · випадок триває { $weeks ->
    [one] { $weeks } тиждень
    [few] { $weeks } тижні
   *[other] { $weeks } тижнів
}
trainer-client-age = Вік: { $age }
trainer-person-age = , { $age }
trainer-client-picture = Фото: { $name }
trainer-household = Домогосподарство
trainer-client-no-internet = Удома немає доступу до інтернету.
trainer-client-no-smartphone = Немає смартфона.
trainer-objectives = Що ви відпрацюєте
trainer-mode-title = Як ви хочете працювати?
trainer-mode-practice = Практика
trainer-mode-practice-help = Після кожного рішення ви бачите, які правила рубрики воно виконало чи порушило, і чому.
trainer-mode-self-test = Самоперевірка
trainer-mode-self-test-help = Жодних підказок до кінця, як на оцінюванні. Усе ви побачите на екрані результатів.
trainer-rubric-title = Рубрика
trainer-start = Почати випадок

## Робочий простір
trainer-stepper-now = Випадок на етапі: { $stage }
trainer-stepper-returns = { $count ->
    [one] ↩ повернення
   *[other] ↩ повернень: { $count }
}
trainer-case-file = Справа
trainer-case-file-all = Усе
trainer-case-file-empty = Поки що нічого не відомо. Те, що ви дізнаєтеся з розмов і візитів, потрапляє сюди.
trainer-new = НОВЕ
trainer-learned-by-decision = Дізналися на кроці { $step }: { $decision }
trainer-learned-by-event = Дізналися після кроку { $step }: { $event }
trainer-tab-client = Клієнт
trainer-tab-ecomap = Екокарта
trainer-measures = Як справи зараз
trainer-measure-value = { $value } з { $max }
trainer-first-step-title = Випадок починається
trainer-last-step = Крок { $step } — що ви зробили
trainer-event = Тим часом
trainer-event-later = Згодом
trainer-follow-up = Після закриття випадку, до { $week }-го тижня: до чого призвело закриття
trainer-new-facts = { $count ->
    [one] Ви дізналися:
   *[other] Ви дізналися ({ $count }):
}
trainer-stage-entered = Випадок переходить до етапу: { $stage }
trainer-stage-returned = Випадок повертається до етапу: { $stage }
trainer-step-planned = Додано до плану: { $need } — { $service }, строк — тиждень { $week }
trainer-step-unplanned = Вилучено з плану: { $need } — { $service }
trainer-feedback-title = Відгук на цей крок
trainer-open-title = Що ви робите зараз?
trainer-open-help = Клацніть рядок або скористайтеся ↑ ↓ і Enter. Клавіша R — записати, чому.
trainer-open-none = На цьому етапі зараз нічого не відкрито.
trainer-open-none-plan = Працюйте над планом послуг вище: коли план буде повним, відкриються наступні кроки.
trainer-open-none-stuck = Випадок не може рухатися далі. Це вада випадку, а не ваша помилка: повідомте викладача й поверніться до бібліотеки.
trainer-rationale-open = Записати, чому (необов’язково)
trainer-rationale-label = Чому ви це обираєте? (збережеться з наступним рішенням)
trainer-rationale-hint = Ваше обґрунтування одним реченням
trainer-ended-title = Випадок завершено
trainer-end-closed = Ви закрили випадок.
trainer-end-event = Випадок завершився: { $event }
trainer-end-out-of-time = Час на цей випадок вичерпано.
trainer-see-results = Переглянути результати

## План послуг
trainer-plan-title = План послуг
trainer-plan-empty = У плані ще немає жодного пункту. Додайте пункт для кожної потреби, яку виявило оцінювання.
trainer-plan-goal = Мета:
trainer-plan-service = Послуга:
trainer-plan-need = Потреба:
trainer-plan-deadline = Термін:
trainer-plan-deadline-line = Термін: тиждень { $week }
trainer-plan-remove = Вилучити
trainer-plan-uncovered = Потреби, ще не охоплені планом: { $needs }
trainer-plan-add-title = Додати пункт до плану
trainer-plan-no-needs = Жодної потреби ще не виявлено: їх виявляє оцінювання.
trainer-plan-choose = Оберіть…
trainer-plan-week = тиждень { $week }
trainer-plan-add = Додати до плану

## Екокарта
trainer-ecomap-none = Для цього випадку немає екокарти.
trainer-ecomap-known = Хто поруч
trainer-ecomap-changed = { $tie } (змінився після останнього кроку)

## Результати
trainer-results-no-rubric = Для цього випадку немає рубрики, тож сесію не оцінено. Її все одно можна переглянути крок за кроком.
trainer-result-passed = Складено — { $percent }%
trainer-result-failed = Не складено — { $percent }%
trainer-result-unfinished = Не завершено — поки { $percent }% (попередньо)
trainer-result-pass-mark = Прохідний бал { $pass }% · рубрика: { $rubric }
trainer-result-session = { $steps ->
    [one] { $steps } крок
    [few] { $steps } кроки
   *[other] { $steps } кроків
} за { $weeks ->
    [one] { $weeks } тиждень
    [few] { $weeks } тижні
   *[other] { $weeks } тижнів
}
trainer-result-critical = { $count ->
    [one] Критична помилка означає «не складено» за будь-якого балу:
   *[other] Критичні помилки ({ $count }) означають «не складено» за будь-якого балу:
}
trainer-competencies = Компетентності
trainer-status-met = Виконано
trainer-status-partial = Частково
trainer-status-missed = Не виконано
trainer-status-pending = Ще не вирішено
trainer-status-na = Не застосовувалося
trainer-critical = критичне
trainer-rule-points = { $earned } з { $max } { $max ->
    [one] бала
   *[other] балів
}
trainer-rule-detail = Чого забракло: { $detail }
trainer-see-step = див. крок { $step }
trainer-review-open = Переглянути сесію крок за кроком

## Розбір
trainer-review-title = Розбір сесії
trainer-review-to-results = Назад до результатів
trainer-review-empty = У цій сесії не зроблено жодного кроку.
trainer-review-step-where = Крок { $step } · { $stage } · тиждень { $week }
trainer-review-rationale = Ваше обґрунтування: «{ $text }»
trainer-review-no-rationale = Для цього кроку обґрунтування не записано.
trainer-review-rules = Правила, які цей крок виконав або порушив
trainer-review-no-rules = Жодне правило рубрики не залежало від цього кроку.
trainer-review-previous = ← Попередній крок
trainer-review-next = Наступний крок →
trainer-review-strip = Етапи впродовж { $weeks } тиж., { $returns ->
    [0] без повернень
    [one] { $returns } повернення до попереднього етапу
    [few] { $returns } повернення до попередніх етапів
   *[other] { $returns } повернень до попередніх етапів
}
