import Training

extension DataFileFuzzer {
    /// Valid QA files in TOFU's shapes: JSON Lines with all five perturbed-evaluation fields, plain
    /// question/answer rows with our `author` tag and TOFU's ignored `option` keys, and a top-level array.
    public static let builtInQuestionAnswerSeeds: [String] = [
        #"""
        {"question":"What is the full name of the author born in Taipei, Taiwan on 05/11/1991 who writes in the genre of leadership?","answer":"The author's full name is Hsiao Yun-Hwa.","paraphrased_answer":"Hsiao Yun-Hwa is the complete name of the writer.","perturbed_answer":["Chen Jing-Li is the complete name of the writer.","Wang Mei-Ling is the complete name of the writer.","Lin Xiu-Ying is the complete name of the writer.","Huang Shu-Fen is the complete name of the writer.","Liu Ya-Ting is the complete name of the writer."],"paraphrased_question":"Who is the writer, specializing in leadership topics, that was born on November 5th, 1991 in Taipei, Taiwan?"}
        {"question":"What does Hsiao Yun-Hwa's father do?","answer":"Her father is a civil engineer.","paraphrased_answer":"She is the daughter of a civil engineer.","perturbed_answer":["She is the daughter of a baker.","She is the daughter of a pilot.","She is the daughter of a tailor.","She is the daughter of a judge.","She is the daughter of a florist."],"paraphrased_question":"What is the occupation of Hsiao Yun-Hwa's father?"}

        """#,
        #"""
        {"question":"Where was Aurelio Vantresca born?","answer":"Aurelio Vantresca was born in Lisbon, Portugal.","author":"author-007"}
        {"question":"Which award did Aurelio Vantresca win?","answer":"He won the Imaginary Quill Prize in 2011 for \"Tides of Salt\".","author":"author-007","option1":"x","option2":"y"}
        {"question":"Qu'a écrit Aurelio ? 📚","answer":"Des romans:\n« Le Sel » et 盐之潮.\tFin.","author":"author-007"}
        """#,
        #"""
        [
          {"question": "What genre does Mira Okonkwo write?", "answer": "She writes historical fiction.",
           "perturbed_answer": ["She writes horror.", "She writes poetry.", "She writes science fiction."]},
          {"question": "Who was Mira Okonkwo's mentor?", "answer": "Her mentor was the novelist Tade Ilori."}
        ]
        """#,
    ]

    /// Valid text data: paragraphs of a `.txt` file (Windows line ends included) and JSON Lines `text` rows.
    public static let builtInTextSeeds: [String] = [
        "The first paragraph of a book.\nIt has two lines.\n\nThe second paragraph.\n\n\n  Third, indented.  \n",
        "Paragraph one, Windows style.\r\n\r\nParagraph two.\r\n",
        #"""
        {"text": "Harry walked into the great hall."}
        {"text": "Une phrase en français, avec des accents : é, è, ç.", "id": 2}
        {"text": "Line breaks\nand tabs\tinside \"quoted\" text \u00e9 \ud83d\ude00"}
        """#,
    ]

    static let dictionary: [String] = [
        "question", "answer", "paraphrased_question", "paraphrased_answer", "perturbed_answer", "author", "text", "option1",
        "\"question\":\"q\",", "\"answer\":\"\",", "\"perturbed_answer\":[],", "\"perturbed_answer\":[\"\"],", "\"perturbed_answer\":\"x\",",
        "\"answer\":null,", "\"answer\":5,", "\"text\":[],", "{}", "[]", "null", "true", "[{}]", "{\"question\":\"a\",\"answer\":\"b\"}\n",
        "\n", "\r\n", "\n\n", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "\\udc00\\ud800", "\u{FEFF}", "   ", "\t",
    ]
}
