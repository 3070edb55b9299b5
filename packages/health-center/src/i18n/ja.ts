/** Japanese texts (the default language of the console and of messages). */
import type { Texts } from './types.ts';

/** 日本語のリソース。 */
export const ja: Texts = {
  htmlLang: 'ja',
  languageName: '日本語',
  appTitle: '保健所 処理番号発行システム',
  skipToContent: '本文へ移動',
  signIn: {
    title: '職員サインイン',
    username: 'ユーザー名',
    password: 'パスワード',
    submit: 'サインイン',
    failed: 'ユーザー名またはパスワードが正しくありません。',
    expired: '一定時間操作がなかったため、サインアウトしました。もう一度サインインしてください。',
  },
  signOut: 'サインアウト',
  issue: {
    title: '陽性者への処理番号の発行',
    intro:
      '確定した陽性者に、接触確認アプリへの登録に使う処理番号を送ります。' +
      '電話番号とメールアドレスは送信にだけ使い、保存しません。',
    channel: '送付方法',
    sms: 'SMS（携帯電話番号）',
    email: '電子メール',
    contact: '送付先（電話番号またはメールアドレス）',
    contactHint: '例: 090-1234-5678 / name@example.jp',
    testDate: '検査日',
    reportType: '確定の方法',
    confirmedTest: '検査による確定',
    clinicalDiagnosis: '臨床診断による確定',
    onsetDate: '発症日（分かる場合）',
    onsetHint: '症状がない、または分からない場合は空欄のままにしてください。',
    messageLanguage: 'メッセージの言語',
    submit: '処理番号を発行して送る',
  },
  result: {
    title: '処理番号を発行しました',
    readOut: 'この番号はこの画面で一度だけ表示されます。電話で伝える場合は今読み上げてください。',
    numberLabel: '処理番号',
    expires: '有効期限',
    delivery: '送信状況',
    statusSent: '送信済み',
    statusFailed: '送信失敗',
    statusPending: '送信中',
    failedAdvice:
      '送信に失敗しました。番号は有効なままです。読み上げて伝えるか、取り消して送り直してください。',
    revoke: 'この番号を取り消す',
    revoked: '処理番号を取り消しました。この番号ではもう登録できません。',
    resendTitle: '送り直す',
    resendHint:
      '送付先はシステムに残っていないため、もう一度入力してください。' +
      '新しい番号を発行し、この番号は取り消します。',
    resend: '新しい番号を送る',
    gone: 'この処理番号は使用済み、取り消し済み、または期限切れです。',
    statusTitle: '処理番号の状況',
    backToIssue: '発行画面に戻る',
  },
  lookup: {
    title: '処理番号の確認・取り消し',
    intro:
      '本人から処理番号を聞き取った場合は、ここに入力すると状況を確認し、取り消しや再送ができます。',
    numberLabel: '処理番号（8桁）',
    submit: '確認する',
    link: '処理番号を確認・取り消しする',
  },
  outbox: {
    title: '開発用送信箱',
    intro: '開発環境では SMS とメールを実際には送らず、ここに表示します。',
    empty: 'まだ何も送信していません。',
    to: '宛先',
    sentAt: '送信時刻',
  },
  errors: {
    PROCESSING_NUMBER_INVALID: '処理番号は8桁の数字で入力してください。',
    PHONE_NUMBER_INVALID: '電話番号の形式が正しくありません（例: 090-1234-5678）。',
    EMAIL_ADDRESS_INVALID: 'メールアドレスの形式が正しくありません。',
    DATE_INVALID:
      '日付が正しくありません。未来の日付や発症日が検査日より後になっていないか確認してください。',
    REPORT_TYPE_INVALID: '確定の方法を選んでください。',
    CHANNEL_INVALID: '送付方法を選んでください。',
    CSRF_INVALID:
      'フォームの有効期限が切れました。画面を読み込み直してから、もう一度操作してください。',
    RATE_LIMITED: '操作が多すぎます。しばらく待ってからもう一度お試しください。',
    NOT_FOUND: 'ページが見つかりません。',
    BAD_REQUEST: '入力内容を確認してください。',
    BODY_TOO_LARGE: '送信されたデータが大きすぎます。',
    UNSUPPORTED_MEDIA_TYPE: 'この形式のデータは受け付けていません。',
    NUMBER_SPACE_EXHAUSTED: '番号を発行できませんでした。管理者に連絡してください。',
    INTERNAL: 'システムで問題が発生しました。時間をおいてもう一度お試しください。',
  },
  message: {
    emailSubject: '接触確認アプリ 陽性登録用の処理番号',
    sms: ({ processingNumber, expires, link }) =>
      `[保健所] 陽性登録用の処理番号: ${processingNumber} (有効期限 ${expires})。` +
      `アプリで登録する場合はこちら: ${link} 登録は任意です。番号は他の人に教えないでください。`,
    email: ({ processingNumber, expires, link }) =>
      [
        '保健所からのお知らせです。',
        '',
        '接触確認アプリで陽性の登録をするための処理番号をお送りします。',
        '登録するかどうかはご本人の自由です。',
        '',
        `処理番号: ${processingNumber}`,
        `有効期限: ${expires}`,
        '',
        'アプリを入れたスマートフォンで次のリンクを開くと、番号が入力された登録画面が開きます。',
        link,
        '',
        'この番号は一度だけ使えます。他の人には教えないでください。',
        'お心当たりがない場合は、このメールを削除してください。',
      ].join('\n'),
  },
};
