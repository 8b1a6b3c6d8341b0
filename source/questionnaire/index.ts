// The questionnaire engine: the CLI, the plan and the TUI import from here.

export * from './types.js';
export { parseQuestionnaire, parseQuestionnaireSet, loadQuestionnaires, SECTION_FILE_ORDER } from './load.js';
export { parseAnswers, exportAnswers } from './answers.js';
export { planningInputs, PLANNING_QUESTIONS } from './planning.js';
export { validateAnswer, validateField, choicesFor, labelOf, isIsoDay, visibleItem } from './values.js';
export { isVisible, visibleQuestions, isFieldVisible } from './visibility.js';
export { evaluateAnswers, ruleCatalog, ORGANIZATION } from './evaluate.js';
